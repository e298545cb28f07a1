// The Bedrock Runtime emulator and the OpenAI-compatible fake: dev and test servers, never part of the API's build.
export * from './bedrock-emulator';
export * from './openai-fake.server';
