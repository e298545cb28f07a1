import {
  ConverseCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { LlmAuthError, LlmBadRequestError, LlmTimeoutError } from '../llm-errors';
import {
  BedrockEmulator,
  startBedrockEmulator,
} from '../../../apps/bedrock-emulator/bedrock-emulator';
import {
  EMULATOR_FAULT_KINDS,
  emulatorFaultInjector,
} from '../../../test/llm-contract/emulator-fault.injector';
import { describeLlmContract } from '../../../test/llm-contract/llm-contract';
import { ask, collect, rejection } from '../../../test/llm-contract/llm-contract.helpers';
import { BedrockLlmClient, BedrockLlmClientOptions } from './bedrock.llm-client';

const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

function options(
  emulator: BedrockEmulator,
  extra: Partial<BedrockLlmClientOptions> = {},
): BedrockLlmClientOptions {
  return {
    region: 'us-east-1',
    endpoint: emulator.url,
    modelId: HAIKU,
    maxTokens: 4000,
    temperature: 0.1,
    embedModelId: 'amazon.titan-embed-text-v2:0',
    timeoutMs: 10_000,
    credentials: CREDENTIALS,
    ...extra,
  };
}

describeLlmContract(
  'bedrock (through the AWS SDK, against the emulator)',
  async () => {
    const emulator = await startBedrockEmulator();
    const client = new BedrockLlmClient(options(emulator));
    return {
      client,
      model: `us.${HAIKU}`,
      faults: emulatorFaultInjector(emulator),
      teardown: async () => {
        await client.close();
        await emulator.close();
      },
    };
  },
  { faults: EMULATOR_FAULT_KINDS, forcedStopReason: true },
);

describe('BedrockLlmClient against the emulator', () => {
  let emulator: BedrockEmulator;
  let client: BedrockLlmClient;

  beforeAll(async () => {
    emulator = await startBedrockEmulator();
    client = new BedrockLlmClient(options(emulator, { guardrail: { id: 'gr-123', version: '2' } }));
  });
  afterEach(() => emulator.reset());
  afterAll(async () => {
    await client.close();
    await emulator.close();
  });

  it('sends Converse with defaults, system prompt, guardrail and merged turns, SigV4-signed', async () => {
    await client.generate({
      model: '',
      system: 'Be brief.',
      messages: [
        { role: 'user', content: 'part one' },
        { role: 'user', content: 'part two' },
        { role: 'assistant', content: '   ' },
      ],
      topK: 5,
    });
    const [request] = emulator.requests;
    expect(request.operation).toBe('converse');
    expect(request.rawPath).toBe(`/model/${encodeURIComponent(HAIKU)}/converse`);
    expect(String(request.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=test\//);
    expect(request.body).toEqual({
      messages: [{ role: 'user', content: [{ text: 'part one\n\npart two' }] }],
      system: [{ text: 'Be brief.' }],
      inferenceConfig: { maxTokens: 4000, temperature: 0.1 },
      additionalModelRequestFields: { top_k: 5 },
      guardrailConfig: { guardrailIdentifier: 'gr-123', guardrailVersion: '2' },
    });
  });

  it('routes inference profile ids and ARNs on the raw, URI-encoded path', async () => {
    const arn =
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0';
    const result = await client.generate(
      ask(arn, 'hi', { guardrail: null, temperature: 0.5, topP: 0.9 }),
    );
    expect(result.model).toBe(arn);
    const [request] = emulator.requests;
    expect(request.modelId).toBe(arn);
    expect(request.rawPath).toContain(
      'arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.',
    );
    expect(request.body).toMatchObject({ inferenceConfig: { temperature: 0.5, topP: 0.9 } });
    expect(request.body).not.toHaveProperty('guardrailConfig');
  });

  it('rejects a request with no usable message before calling Bedrock', async () => {
    await rejection(
      client.generate({ model: HAIKU, messages: [{ role: 'user', content: ' ' }] }),
      LlmBadRequestError,
    );
    expect(emulator.requests).toHaveLength(0);
  });

  it('refuses an unsupported embedding model', async () => {
    await rejection(client.embed({ model: HAIKU, texts: ['x'] }), LlmBadRequestError);
  });

  it('sends Titan one call per text and Cohere one call for many', async () => {
    await client.embed({ model: '', texts: ['a', 'b', 'c'], dimensions: 512 });
    expect(emulator.requests.map((r) => r.body)).toEqual(
      ['a', 'b', 'c'].map((inputText) =>
        expect.objectContaining({ inputText, dimensions: 512, normalize: true }),
      ),
    );
    emulator.reset();
    await client.embed({ model: 'cohere.embed-english-v3', texts: ['a', 'b'] });
    expect(emulator.requests.map((r) => r.body)).toEqual([
      { texts: ['a', 'b'], input_type: 'search_document', truncate: 'END' },
    ]);
  });

  it("a stall past the SDK handler's own socket timeout is LlmTimeoutError too", async () => {
    const impatient = new BedrockLlmClient(options(emulator, { timeoutMs: 300 }));
    emulator.script({ fault: { kind: 'delay', chunkDelayMs: 5000 } });
    const { events, thrown } = await collect(impatient.stream(ask(HAIKU, 'one two three')));
    await impatient.close();
    expect(thrown).toBeUndefined();
    expect(events.filter((event) => event.type === 'error')).toEqual([
      { type: 'error', error: expect.any(LlmTimeoutError) },
    ]);
  });

  it('maps bad credentials to LlmAuthError', async () => {
    emulator.script({ fault: { kind: 'error', type: 'UnrecognizedClientException' } });
    await rejection(client.generate(ask(HAIKU, 'hi')), LlmAuthError);
    emulator.script({ fault: { kind: 'error', type: 'ExpiredTokenException', status: 403 } });
    const { thrown } = await collect(client.stream(ask(HAIKU, 'hi')));
    expect(thrown).toBeInstanceOf(LlmAuthError);
  });

  describe('emulator Anthropic InvokeModel formats (raw SDK)', () => {
    const body = JSON.stringify({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 100,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hello emulator' }] }],
    });

    it('answers InvokeModel with an Anthropic message', async () => {
      const output = await client.sdk.send(
        new InvokeModelCommand({ modelId: HAIKU, body, contentType: 'application/json' }),
      );
      const message = JSON.parse(new TextDecoder().decode(output.body)) as Record<string, unknown>;
      expect(message).toMatchObject({
        type: 'message',
        role: 'assistant',
        model: HAIKU,
        stop_reason: 'end_turn',
        content: [{ type: 'text', text: 'Emulated reply to: hello emulator' }],
        usage: { input_tokens: expect.any(Number), output_tokens: 5 },
      });
    });

    it('streams InvokeModelWithResponseStream as base64 Anthropic events', async () => {
      const output = await client.sdk.send(
        new InvokeModelWithResponseStreamCommand({
          modelId: HAIKU,
          body,
          contentType: 'application/json',
        }),
      );
      const events: Record<string, unknown>[] = [];
      for await (const part of output.body!) {
        if (part.chunk?.bytes)
          events.push(
            JSON.parse(new TextDecoder().decode(part.chunk.bytes)) as Record<string, unknown>,
          );
      }
      const types = events.map((e) => e.type);
      expect(types[0]).toBe('message_start');
      expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
      const text = events
        .filter((e) => e.type === 'content_block_delta')
        .map((e) => (e.delta as { text: string }).text)
        .join('');
      expect(text).toBe('Emulated reply to: hello emulator');
      expect(events.at(-1)).toHaveProperty('amazon-bedrock-invocationMetrics.outputTokenCount', 5);
    });

    it('answers Converse through the raw SDK with usage and metrics', async () => {
      const output = await client.sdk.send(
        new ConverseCommand({
          modelId: HAIKU,
          messages: [{ role: 'user', content: [{ text: 'x' }] }],
        }),
      );
      expect(output.stopReason).toBe('end_turn');
      expect(output.usage?.outputTokens).toBe(4);
      expect(output.metrics?.latencyMs).toEqual(expect.any(Number));
    });
  });
});
