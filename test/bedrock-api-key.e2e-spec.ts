import { BedrockEmulator, startBedrockEmulator } from '../apps/bedrock-emulator';
import { as, messagesPath, newConversation } from './support/chat-harness';
import { createTestApp, TestApp } from './support/test-app';

const API_KEY = 'bedrock-api-key-e2e';
/** Whatever could let the SDK sign with SigV4 instead: gone while these apps run. */
const AWS_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'];

describe('Bedrock with an API key (AWS_BEARER_TOKEN_BEDROCK) and no AWS access keys', () => {
  let emulator: BedrockEmulator;
  const saved = Object.fromEntries(AWS_KEYS.map((key) => [key, process.env[key]]));
  const apps: TestApp[] = [];

  const startApp = async (apiKey: string): Promise<TestApp> => {
    const app = await createTestApp({
      LLM_PROVIDER: 'bedrock',
      BEDROCK_ENDPOINT_URL: emulator.url,
      AWS_REGION: 'us-east-1',
      AWS_BEARER_TOKEN_BEDROCK: apiKey,
      LLM_MAX_ATTEMPTS: '1',
      LLM_TIMEOUT_MS: '5000',
    });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    for (const key of AWS_KEYS) delete process.env[key];
    // Configured with the key only: a SigV4-signed call would be refused.
    emulator = await startBedrockEmulator({ auth: { apiKey: API_KEY } });
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await emulator?.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value !== undefined) process.env[key] = value;
    }
  });

  it('answers a chat turn, the key sent as Authorization: Bearer', async () => {
    const t = await startApp(API_KEY);
    const id = await newConversation(t, 'api-key-user');
    const content = 'Hello over an API key';
    const res = await as(t, 'api-key-user').post(messagesPath(id), { content }).expect(201);
    expect(res.body.assistantMessage).toMatchObject({
      status: 'complete',
      content: `Emulated reply to: ${content}`,
    });
    const converse = emulator.requests.filter((r) => r.operation.startsWith('converse'));
    expect(converse.map((r) => r.headers.authorization)).toEqual([`Bearer ${API_KEY}`]);
  });

  it('a wrong key: 502 provider_auth in the envelope', async () => {
    const t = await startApp('not-the-key');
    const id = await newConversation(t, 'api-key-user');
    const res = await as(t, 'api-key-user').post(messagesPath(id), { content: 'hi' }).expect(502);
    expect(res.body.error).toMatchObject({ code: 'provider_auth' });
  });
});
