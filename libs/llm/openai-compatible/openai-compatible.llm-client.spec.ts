import { LlmAuthError, LlmBadRequestError } from '../llm-errors';

import { describeLlmContract } from '../../../test/llm-contract/llm-contract';
import { ask, collect, rejection, textOf } from '../../../test/llm-contract/llm-contract.helpers';
import {
  OPENAI_FAKE_FAULT_KINDS,
  openAiFakeFaultInjector,
} from '../../../test/llm-contract/openai-fake-fault.injector';
import { OpenAiFake, startOpenAiFake } from '../../../apps/bedrock-emulator/openai-fake.server';
import {
  OpenAiCompatibleLlmClient,
  OpenAiCompatibleOptions,
  PLACEHOLDER_API_KEY,
} from './openai-compatible.llm-client';

const MODEL = 'llama3.1:8b';

function options(
  fake: OpenAiFake,
  extra: Partial<OpenAiCompatibleOptions> = {},
): OpenAiCompatibleOptions {
  return {
    baseUrl: fake.url,
    modelId: MODEL,
    maxTokens: 4000,
    temperature: 0.1,
    embedModelId: 'nomic-embed-text',
    timeoutMs: 10_000,
    ...extra,
  };
}

describeLlmContract(
  'openai-compatible (real openai SDK against the fake server)',
  async () => {
    const fake = await startOpenAiFake();
    const client = new OpenAiCompatibleLlmClient(options(fake));
    return {
      client,
      model: MODEL,
      faults: openAiFakeFaultInjector(fake),
      teardown: async () => {
        await client.close();
        await fake.close();
      },
    };
  },
  { faults: OPENAI_FAKE_FAULT_KINDS },
);

describe('OpenAiCompatibleLlmClient on the wire', () => {
  let fake: OpenAiFake;
  let client: OpenAiCompatibleLlmClient;

  beforeAll(async () => {
    fake = await startOpenAiFake();
    client = new OpenAiCompatibleLlmClient(options(fake));
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    await client.close();
    await fake.close();
  });

  it('sends chat completions with defaults, system first, a placeholder key and no top_k', async () => {
    await client.generate({
      model: '',
      system: 'Be brief.',
      messages: [
        { role: 'user', content: 'part one' },
        { role: 'assistant', content: '   ' },
        { role: 'user', content: 'part two' },
      ],
      topP: 0.9,
      topK: 5,
      stopSequences: ['END'],
    });
    const [request] = fake.requests;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${PLACEHOLDER_API_KEY}`);
    expect(request.body).toEqual({
      model: MODEL,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'part one' },
        { role: 'user', content: 'part two' },
      ],
      max_tokens: 4000,
      temperature: 0.1,
      top_p: 0.9,
      stop: ['END'],
      stream: false,
    });
  });

  it('streams with stream_options.include_usage and reports usage', async () => {
    const { events } = await collect(client.stream(ask(MODEL, 'count my tokens')));
    expect(fake.requests[0].body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(textOf(events)).toBe('Emulated reply to: count my tokens');
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      usage: { inputTokens: expect.any(Number), outputTokens: 6 },
      stopReason: { unified: 'end', raw: 'stop' },
    });
  });

  it('can send max_completion_tokens instead of max_tokens (newer OpenAI models)', async () => {
    const modern = new OpenAiCompatibleLlmClient(
      options(fake, { maxTokensField: 'max_completion_tokens' }),
    );
    await modern.generate(ask(MODEL, 'hi', { maxTokens: 7 }));
    expect(fake.requests[0].body).toMatchObject({ max_completion_tokens: 7 });
    expect(fake.requests[0].body).not.toHaveProperty('max_tokens');
  });

  it('sends the API key when one is configured; a wrong one is LlmAuthError', async () => {
    const guarded = await startOpenAiFake({ apiKey: 'sk-right' });
    try {
      const right = new OpenAiCompatibleLlmClient(options(guarded, { apiKey: 'sk-right' }));
      expect((await right.generate(ask(MODEL, 'hi'))).text).toContain('hi');
      const wrong = new OpenAiCompatibleLlmClient(options(guarded, { apiKey: 'sk-wrong' }));
      await rejection(wrong.generate(ask(MODEL, 'hi')), LlmAuthError);
    } finally {
      await guarded.close();
    }
  });

  it('embeds in batches, asks for floats and dimensions, normalizes on request', async () => {
    const result = await client.embed({
      model: '',
      texts: ['a', 'b'],
      dimensions: 64,
      normalize: true,
    });
    expect(result).toMatchObject({ model: 'nomic-embed-text', dimensions: 64 });
    expect(result.embeddings).toHaveLength(2);
    expect(fake.requests[0].body).toEqual({
      model: 'nomic-embed-text',
      input: ['a', 'b'],
      encoding_format: 'float',
      dimensions: 64,
    });
    expect(result.usage.inputTokens).toBeGreaterThan(0);
  });

  it('rejects a request with no usable message before calling the server', async () => {
    await rejection(
      client.generate({ model: MODEL, messages: [{ role: 'user', content: ' ' }] }),
      LlmBadRequestError,
    );
    expect(fake.requests).toHaveLength(0);
  });
});
