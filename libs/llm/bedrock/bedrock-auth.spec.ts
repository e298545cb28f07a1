import { BedrockEmulator, startBedrockEmulator } from '../../../apps/bedrock-emulator';
import { ask, collect, rejection } from '../../../test/llm-contract/llm-contract.helpers';
import { LlmAuthError } from '../llm-errors';
import { RetryingLlmClient } from '../resilience/retrying.llm-client';
import { BedrockLlmClient, BedrockLlmClientOptions } from './bedrock.llm-client';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const KEYS = { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator-secret' };
const API_KEY = 'bedrock-api-key-emulator';
const TEN_MINUTES = 10 * 60_000;

function adapter(
  emulator: BedrockEmulator,
  auth: Pick<BedrockLlmClientOptions, 'credentials' | 'apiKey'>,
): BedrockLlmClient {
  return new BedrockLlmClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    modelId: HAIKU,
    maxTokens: 100,
    temperature: 0,
    embedModelId: 'amazon.titan-embed-text-v2:0',
    timeoutMs: 10_000,
    ...auth,
  });
}

const retrying = (client: BedrockLlmClient) =>
  new RetryingLlmClient(client, { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 });

describe('Bedrock through the SDK: API keys (bearer auth)', () => {
  let emulator: BedrockEmulator;
  const clients: BedrockLlmClient[] = [];
  const make = (auth: Pick<BedrockLlmClientOptions, 'credentials' | 'apiKey'>) => {
    const client = adapter(emulator, auth);
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    emulator = await startBedrockEmulator({ auth: { apiKey: API_KEY } });
  });
  afterEach(() => emulator.reset());
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await emulator.close();
  });

  it('the right key is sent as Authorization: Bearer and answers', async () => {
    const client = make({ apiKey: API_KEY });
    const result = await client.generate(ask(HAIKU, 'hello key'));
    expect(result.text).toBe('Emulated reply to: hello key');
    const { events } = await collect(client.stream(ask(HAIKU, 'hello stream')));
    expect(events.at(-1)?.type).toBe('finish');
    expect(emulator.requests.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${API_KEY}`,
      `Bearer ${API_KEY}`,
    ]);
  });

  it('a wrong key is LlmAuthError, not retried', async () => {
    const client = make({ apiKey: 'not-the-key' });
    const error = await rejection(retrying(client).generate(ask(HAIKU, 'hi')), LlmAuthError);
    expect(error.retryable).toBe(false);
    expect(emulator.requests).toHaveLength(1);
    const { thrown } = await collect(client.stream(ask(HAIKU, 'hi')));
    expect(thrown).toBeInstanceOf(LlmAuthError);
  });

  it('the key wins over access keys, as the SDK does with AWS_BEARER_TOKEN_BEDROCK', async () => {
    const client = make({ apiKey: API_KEY, credentials: KEYS });
    await client.generate(ask(HAIKU, 'both'));
    expect(emulator.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
  });
});

describe('Bedrock through the SDK: SigV4 verified by the emulator, clock skew corrected', () => {
  let emulator: BedrockEmulator;
  const clients: BedrockLlmClient[] = [];
  const make = (credentials: BedrockLlmClientOptions['credentials']) => {
    const client = adapter(emulator, { credentials });
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    emulator = await startBedrockEmulator({ auth: { credentials: KEYS } });
  });
  afterEach(() => emulator.reset());
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await emulator.close();
  });

  it('a signature made with the right keys answers', async () => {
    const result = await make(KEYS).generate(ask(HAIKU, 'signed'));
    expect(result.text).toBe('Emulated reply to: signed');
    expect(String(emulator.requests[0].headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEMULATOR\//,
    );
  });

  it('a wrong secret or an unknown key id is LlmAuthError, not retryable', async () => {
    for (const credentials of [
      { ...KEYS, secretAccessKey: 'wrong' },
      { ...KEYS, accessKeyId: 'AKIDUNKNOWN' },
    ]) {
      const error = await rejection(make(credentials).generate(ask(HAIKU, 'hi')), LlmAuthError);
      expect(error.retryable).toBe(false);
    }
    expect(emulator.requests.map((r) => r.headers.authorization)).toHaveLength(2);
  });

  it('a clock 10 minutes slow: refused once, corrected by the SDK, the retry passes', async () => {
    const client = make(KEYS);
    client.sdk.config.systemClockOffset = -TEN_MINUTES;
    const result = await retrying(client).generate(ask(HAIKU, 'late clock'));
    expect(result.text).toBe('Emulated reply to: late clock');
    expect(emulator.requests).toHaveLength(2);
    expect(Math.abs(client.sdk.config.systemClockOffset ?? 0)).toBeLessThan(TEN_MINUTES / 2);
  });

  it('a clock 10 minutes fast on a stream: the refusal is retryable, the retry streams', async () => {
    const client = make(KEYS);
    client.sdk.config.systemClockOffset = TEN_MINUTES;
    const bare = await collect(client.stream(ask(HAIKU, 'early clock')));
    expect(bare.thrown).toBeInstanceOf(LlmAuthError);
    expect((bare.thrown as LlmAuthError).retryable).toBe(true);
    client.sdk.config.systemClockOffset = TEN_MINUTES;
    const { events, thrown } = await collect(retrying(client).stream(ask(HAIKU, 'early clock')));
    expect(thrown).toBeUndefined();
    expect(events.at(-1)?.type).toBe('finish');
    expect(emulator.requests).toHaveLength(3);
  });
});
