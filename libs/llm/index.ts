export * from './llm-client';
export * from './llm-errors';
export * from './llm-logger';
export * from './llm-settings';
export * from './llm.module';
export {
  BedrockLlmClient,
  bedrockOptionsFromSettings,
  createBedrockRuntimeClient,
} from './bedrock/bedrock.llm-client';
export type { BedrockLlmClientOptions } from './bedrock/bedrock.llm-client';
export { mapBedrockError } from './bedrock/bedrock-error.mapper';
export { unifyStopReason } from './bedrock/bedrock-stop-reason';
export { isAnthropicModel } from './bedrock/bedrock-anthropic.invoker';
export { MockLlmClient } from './mock/mock.llm-client';
export {
  OpenAiCompatibleLlmClient,
  openAiOptionsFromSettings,
  createOpenAiClient,
  PLACEHOLDER_API_KEY,
} from './openai-compatible/openai-compatible.llm-client';
export type { OpenAiCompatibleOptions } from './openai-compatible/openai-compatible.llm-client';
export { mapOpenAiError } from './openai-compatible/openai-error.mapper';
export type { MockCall, MockFault, MockLlmClientOptions } from './mock/mock.llm-client';
export { LlmClientWrapper } from './resilience/llm-client.wrapper';
export { DeadlineLlmClient } from './resilience/deadline.llm-client';
export type { DeadlineOptions } from './resilience/deadline.llm-client';
export { FallbackLlmClient, isFallbackWorthy } from './resilience/fallback.llm-client';
export { RetryingLlmClient } from './resilience/retrying.llm-client';
export type { RetryOptions } from './resilience/retrying.llm-client';
export * from './llm-error.describe';
