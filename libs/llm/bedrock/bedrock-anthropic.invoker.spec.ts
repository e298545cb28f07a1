import { LlmRequest } from '../llm-client';
import { LlmThrottledError, LlmUnavailableError } from '../llm-errors';
import {
  BedrockEmulator,
  startBedrockEmulator,
} from '../../../apps/bedrock-emulator/bedrock-emulator';
import {
  collect,
  lastError,
  textOf,
  typesOf,
} from '../../../test/llm-contract/llm-contract.helpers';
import { isAnthropicModel } from './bedrock-anthropic.invoker';
import { BedrockLlmClient } from './bedrock.llm-client';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const BODY = {
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 100,
  system: 'Be brief.',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'raw hello there' }] }],
};

/** A request as the proxy builds it: the translated fields plus the native body. */
function rawRequest(model: string, body: Record<string, unknown> = BODY): LlmRequest {
  return {
    model,
    system: 'Be brief.',
    messages: [{ role: 'user', content: 'raw hello there' }],
    maxTokens: 100,
    native: { format: 'anthropic-messages', body },
  };
}

describe('BedrockLlmClient raw Anthropic pass-through (InvokeModel)', () => {
  let emulator: BedrockEmulator;
  let client: BedrockLlmClient;

  beforeAll(async () => {
    emulator = await startBedrockEmulator();
    client = new BedrockLlmClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      modelId: HAIKU,
      maxTokens: 4000,
      embedModelId: 'amazon.titan-embed-text-v2:0',
      guardrail: { id: 'gr-9', version: '3' },
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  });
  afterEach(() => emulator.reset());
  afterAll(async () => {
    await client.close();
    await emulator.close();
  });

  it('recognises Anthropic models by id, inference profile or ARN', () => {
    expect(isAnthropicModel(HAIKU)).toBe(true);
    expect(isAnthropicModel(`us.${HAIKU}`)).toBe(true);
    expect(isAnthropicModel(`arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`)).toBe(true);
    expect(isAnthropicModel('amazon.nova-lite-v1:0')).toBe(false);
  });

  it('generate sends the body as-is to InvokeModel, with the guardrail', async () => {
    const result = await client.generate(rawRequest(HAIKU));
    const [request] = emulator.requests;
    expect(request.operation).toBe('invoke');
    expect(request.body).toEqual(BODY);
    expect(request.headers['x-amzn-bedrock-guardrailidentifier']).toBe('gr-9');
    expect(request.headers['x-amzn-bedrock-guardrailversion']).toBe('3');
    expect(result).toEqual({
      text: 'Emulated reply to: raw hello there',
      model: HAIKU,
      usage: { inputTokens: expect.any(Number), outputTokens: 6, totalTokens: expect.any(Number) },
      stopReason: { unified: 'end', raw: 'end_turn' },
    });
  });

  it('stream uses InvokeModelWithResponseStream and gives the port events', async () => {
    const { events, thrown } = await collect(
      client.stream({ ...rawRequest(HAIKU), guardrail: null }),
    );
    expect(thrown).toBeUndefined();
    const [request] = emulator.requests;
    expect(request.operation).toBe('invoke-with-response-stream');
    expect(request.body).toEqual(BODY);
    expect(request.headers).not.toHaveProperty('x-amzn-bedrock-guardrailidentifier');
    expect(events[0]).toEqual({ type: 'start', model: HAIKU });
    expect(textOf(events)).toBe('Emulated reply to: raw hello there');
    expect(events.at(-1)).toEqual({
      type: 'finish',
      usage: { inputTokens: expect.any(Number), outputTokens: 6, totalTokens: expect.any(Number) },
      stopReason: { unified: 'end', raw: 'end_turn' },
    });
  });

  it('max_tokens and a forced guardrail stop are reported', async () => {
    const cut = await client.generate(rawRequest(HAIKU, { ...BODY, max_tokens: 2 }));
    expect(cut.stopReason).toEqual({ unified: 'length', raw: 'max_tokens' });
    emulator.configure({ stopReason: 'guardrail_intervened' });
    const { events } = await collect(client.stream(rawRequest(HAIKU)));
    expect(events.at(-1)).toMatchObject({ stopReason: { unified: 'content_filter' } });
  });

  it('early failures reject; later ones are error events; a cut stream is failed', async () => {
    emulator.script({ fault: { kind: 'throttle', retryAfterSeconds: 2 }, times: 2 });
    await expect(client.generate(rawRequest(HAIKU))).rejects.toBeInstanceOf(LlmThrottledError);
    const early = await collect(client.stream(rawRequest(HAIKU)));
    expect(early.thrown).toBeInstanceOf(LlmThrottledError);

    emulator.script({ fault: { kind: 'mid-stream-exception', afterChunks: 2 }, times: 1 });
    const mid = await collect(client.stream(rawRequest(HAIKU)));
    expect(typesOf(mid.events)).toEqual(['start', 'text-delta', 'text-delta', 'error']);
    expect(lastError(mid.events)).toBeInstanceOf(LlmThrottledError);

    emulator.script({ fault: { kind: 'truncated-stream', afterChunks: 1 }, times: 1 });
    const cut = await collect(client.stream(rawRequest(HAIKU)));
    expect(typesOf(cut.events)).toEqual(['start', 'text-delta', 'error']);
    expect(lastError(cut.events)).toBeInstanceOf(LlmUnavailableError);
  });

  it('a non-Anthropic model gets the translated request through Converse', async () => {
    await client.generate(rawRequest('amazon.nova-lite-v1:0'));
    const [request] = emulator.requests;
    expect(request.operation).toBe('converse');
    expect(request.body).toMatchObject({
      messages: [{ role: 'user', content: [{ text: 'raw hello there' }] }],
      system: [{ text: 'Be brief.' }],
    });
  });
});
