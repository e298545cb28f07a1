import OpenAI, { NotFoundError } from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions/completions';
import { ChatHarness, ProviderName, startChatHarness } from './support/chat-harness';
import { uniqueUser } from './support/test-app';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const TITAN = 'amazon.titan-embed-text-v2:0';
const WEATHER: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'The current weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const QUESTION = 'What is the weather in Paris? Use get_weather.';
const RESULT = '{"sky":"sunny","celsius":21}';

/** The official SDK against the app, as any OpenAI client would use it. */
const sdk = (url: string, user = uniqueUser('sdk')): OpenAI =>
  new OpenAI({
    baseURL: `${url}/v1`,
    apiKey: 'unused-in-auth-mode-none',
    maxRetries: 0,
    defaultHeaders: { 'X-User-Id': user },
  });

/** Reads a whole stream of chunks: the text, the tool calls rebuilt from their deltas, the last chunk. */
async function readStream(stream: AsyncIterable<ChatCompletionChunk>) {
  const chunks: ChatCompletionChunk[] = [];
  let text = '';
  const calls: { id: string; name: string; arguments: string }[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
    const delta = chunk.choices[0]?.delta;
    text += delta?.content ?? '';
    for (const call of delta?.tool_calls ?? []) {
      calls[call.index] ??= { id: '', name: '', arguments: '' };
      if (call.id) calls[call.index].id = call.id;
      if (call.function?.name) calls[call.index].name = call.function.name;
      calls[call.index].arguments += call.function?.arguments ?? '';
    }
  }
  const finish = chunks.map((c) => c.choices[0]?.finish_reason).find(Boolean);
  return { chunks, text, calls, finish, last: chunks.at(-1) };
}

/** A tool round trip (call, result, final answer), whole and streamed, on one provider. */
async function toolRoundTrip(client: OpenAI, resultMarker: string): Promise<void> {
  const asked: ChatCompletionMessageParam[] = [{ role: 'user', content: QUESTION }];
  const first = await client.chat.completions.create({
    model: HAIKU,
    messages: asked,
    tools: [WEATHER],
  });
  const choice = first.choices[0];
  expect(choice.finish_reason).toBe('tool_calls');
  expect(choice.message.content).toBeNull();
  expect(choice.message.tool_calls).toHaveLength(1);
  const call = choice.message.tool_calls![0];
  if (call.type !== 'function') throw new Error('expected a function call');
  expect(call.function.name).toBe('get_weather');
  expect(JSON.parse(call.function.arguments)).toEqual({ city: QUESTION });

  const streamed = await readStream(
    await client.chat.completions.create({
      model: HAIKU,
      messages: asked,
      tools: [WEATHER],
      stream: true,
    }),
  );
  expect(streamed.finish).toBe('tool_calls');
  expect(streamed.calls).toEqual([
    { id: expect.any(String), name: 'get_weather', arguments: call.function.arguments },
  ]);

  const answered: ChatCompletionMessageParam[] = [
    ...asked,
    choice.message,
    { role: 'tool', tool_call_id: call.id, content: RESULT },
  ];
  const final = await client.chat.completions.create({
    model: HAIKU,
    messages: answered,
    tools: [WEATHER],
  });
  expect(final.choices[0].finish_reason).toBe('stop');
  expect(final.choices[0].message.content).toContain(resultMarker);
  const finalStream = await readStream(
    await client.chat.completions.create({
      model: HAIKU,
      messages: answered,
      tools: [WEATHER],
      stream: true,
    }),
  );
  expect(finalStream.text).toBe(final.choices[0].message.content);
}

describe.each<ProviderName>(['mock', 'bedrock emulator', 'openai-compatible fake'])(
  'OpenAI-compatible API with the openai SDK (%s)',
  (provider) => {
    let h: ChatHarness;
    let client: OpenAI;
    beforeAll(async () => {
      h = await startChatHarness(provider, { env: { LLM_MODEL_ID: HAIKU } });
      client = sdk(h.t.url);
    });
    afterAll(() => h?.close());

    it('answers a chat completion', async () => {
      const completion = await client.chat.completions.create({
        model: HAIKU,
        messages: [
          { role: 'system', content: 'Answer briefly.' },
          { role: 'user', content: 'Say hello' },
        ],
        max_tokens: 200,
        temperature: 0.2,
      });
      expect(completion).toMatchObject({
        id: expect.stringMatching(/^chatcmpl-/),
        object: 'chat.completion',
        model: HAIKU,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: expect.stringContaining('Say hello') },
            finish_reason: 'stop',
          },
        ],
      });
      const { usage } = completion;
      expect(usage!.prompt_tokens).toBeGreaterThan(0);
      expect(usage!.total_tokens).toBe(usage!.prompt_tokens + usage!.completion_tokens);
      expect(h.lastModelMessages()).toEqual([{ role: 'user', content: 'Say hello' }]);
    });

    it('streams chunks ending with [DONE], usage in the last chunk', async () => {
      const whole = await client.chat.completions.create({
        model: HAIKU,
        messages: [{ role: 'user', content: 'Tell me about streams' }],
      });
      const { chunks, text, finish, last } = await readStream(
        await client.chat.completions.create({
          model: HAIKU,
          messages: [{ role: 'user', content: 'Tell me about streams' }],
          stream: true,
          stream_options: { include_usage: true },
        }),
      );
      expect(chunks.length).toBeGreaterThan(3);
      expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
      expect(chunks[0].choices[0].delta.role).toBe('assistant');
      expect(text).toBe(whole.choices[0].message.content);
      expect(finish).toBe('stop');
      expect(last!.choices).toEqual([]);
      expect(last!.usage).toEqual(whole.usage);
      expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    });

    it('maps stop reasons: length, and a guardrail as content_filter', async () => {
      const cut = await client.chat.completions.create({
        model: HAIKU,
        messages: [{ role: 'user', content: 'Please write a very long answer about many things' }],
        max_completion_tokens: 2,
      });
      expect(cut.choices[0].finish_reason).toBe('length');
      if (provider === 'mock') {
        const filtered = await client.chat.completions.create({
          model: HAIKU,
          messages: [{ role: 'user', content: 'something [mock:content-filter]' }],
        });
        expect(filtered.choices[0].finish_reason).toBe('content_filter');
      } else {
        (h.emulator ?? h.openai)!.configure({ stopReason: 'guardrail_intervened' });
        const filtered = await client.chat.completions.create({
          model: HAIKU,
          messages: [{ role: 'user', content: 'something blocked' }],
        });
        h.reset();
        expect(filtered.choices[0].finish_reason).toBe('content_filter');
      }
    });

    it('sends an image given as a data: URL to the model', async () => {
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
      const answer = await client.chat.completions.create({
        model: HAIKU,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this image?' },
              {
                type: 'image_url',
                image_url: { url: `data:image/png;base64,${png.toString('base64')}` },
              },
            ],
          },
        ],
      });
      expect(answer.choices[0].message.content).toContain('What is in this image?');
      if (provider === 'bedrock emulator') {
        const converse = h.emulator!.requests.filter((r) => r.operation === 'converse');
        const body = converse.at(-1)!.body as { messages: unknown[] };
        expect(body.messages).toEqual([
          {
            role: 'user',
            content: [
              { text: 'What is in this image?' },
              { image: { format: 'png', source: { bytes: png.toString('base64') } } },
            ],
          },
        ]);
      }
      if (provider === 'openai-compatible fake') {
        const body = h.openai!.requests.at(-1)!.body as { messages: unknown[] };
        expect(body.messages).toEqual([
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this image?' },
              {
                type: 'image_url',
                image_url: { url: `data:image/png;base64,${png.toString('base64')}` },
              },
            ],
          },
        ]);
      }
    });

    it('a tool round trip: the call, the result, the final answer quoting it', async () => {
      await toolRoundTrip(
        client,
        provider === 'mock' ? `answered ${JSON.stringify(RESULT)}` : RESULT,
      );
      if (provider === 'openai-compatible fake') {
        const last = h.openai!.requests.at(-1)!.body as { tools: unknown; messages: unknown[] };
        expect(last.tools).toEqual([WEATHER]);
        expect(last.messages).toEqual([
          { role: 'user', content: QUESTION },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: expect.any(String),
                type: 'function',
                function: { name: 'get_weather', arguments: JSON.stringify({ city: QUESTION }) },
              },
            ],
          },
          { role: 'tool', tool_call_id: expect.any(String), content: RESULT },
        ]);
      }
      if (provider === 'bedrock emulator') {
        const converse = h.emulator!.requests.filter((r) => r.operation.startsWith('converse'));
        const last = converse.at(-1)!.body as { toolConfig?: unknown; messages: unknown[] };
        expect(last.toolConfig).toEqual({
          tools: [
            {
              toolSpec: {
                name: 'get_weather',
                description: 'The current weather in a city',
                inputSchema: { json: WEATHER.function.parameters },
              },
            },
          ],
          toolChoice: { auto: {} },
        });
        expect(last.messages).toEqual([
          { role: 'user', content: [{ text: QUESTION }] },
          {
            role: 'assistant',
            content: [
              {
                toolUse: {
                  toolUseId: expect.any(String),
                  name: 'get_weather',
                  input: { city: QUESTION },
                },
              },
            ],
          },
          {
            role: 'user',
            content: [
              { toolResult: { toolUseId: expect.any(String), content: [{ text: RESULT }] } },
            ],
          },
        ]);
      }
    });

    it('embeds as float and as base64 (the same vectors)', async () => {
      const input = ['first document', 'second document'];
      const floats = await client.embeddings.create({
        model: TITAN,
        input,
        encoding_format: 'float',
        dimensions: 256,
      });
      expect(floats).toMatchObject({ object: 'list', model: TITAN });
      expect(floats.data.map((d) => d.index)).toEqual([0, 1]);
      expect(floats.data[0].embedding).toHaveLength(256);
      const base64 = await client.embeddings.create({
        model: TITAN,
        input,
        encoding_format: 'base64',
        dimensions: 256,
      });
      const decoded = base64.data.map((d) => {
        const bytes = Buffer.from(d.embedding as unknown as string, 'base64');
        return Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4));
      });
      decoded.forEach((vector, i) => {
        expect(vector).toHaveLength(256);
        vector.forEach((value, j) => expect(value).toBeCloseTo(floats.data[i].embedding[j], 6));
      });
      // The SDK's default asks for base64 and decodes it itself.
      const byDefault = await client.embeddings.create({
        model: TITAN,
        input: 'first document',
        dimensions: 256,
      });
      byDefault.data[0].embedding.forEach((value, j) =>
        expect(value).toBeCloseTo(floats.data[0].embedding[j], 6),
      );
    });

    it('lists the allowed models, and retrieves one', async () => {
      const ids: string[] = [];
      for await (const model of client.models.list()) ids.push(model.id);
      expect(ids).toEqual([HAIKU, TITAN]);
      await expect(client.models.retrieve(HAIKU)).resolves.toMatchObject({
        id: HAIKU,
        object: 'model',
      });
    });

    it('an unknown model is the SDK NotFoundError with code model_not_found', async () => {
      const calls = h.modelCalls();
      const error = await client.chat.completions
        .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).error).toEqual({
        message: 'The model `gpt-4o` does not exist or you do not have access to it.',
        type: 'invalid_request_error',
        param: null,
        code: 'model_not_found',
      });
      expect(h.modelCalls()).toBe(calls);
    });
  },
);

describe('OpenAI-compatible API streams on the Bedrock emulator', () => {
  let h: ChatHarness;
  let client: OpenAI;
  beforeAll(async () => {
    h = await startChatHarness('bedrock emulator', { env: { LLM_MODEL_ID: HAIKU } });
    client = sdk(h.t.url);
  });
  afterAll(() => h?.close());
  beforeEach(() => h.reset());

  it('a client leaving mid-stream closes the upstream model call', async () => {
    h.emulator!.configure({ chunkDelayMs: 100 });
    const stream = await client.chat.completions.create({
      model: HAIKU,
      messages: [{ role: 'user', content: h.long('Tell me everything') }],
      stream: true,
    });
    let seen = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) seen += 1;
      if (seen === 2) break; // the SDK aborts the request
    }
    const closed = await h.emulator!.waitForClientClose(0, 5000);
    expect(closed).toMatchObject({ clientClosed: true, operation: 'converse-stream' });
  });

  it('a model failure after the first chunk is an error event the SDK throws', async () => {
    h.fault('fail-mid-stream', 'x');
    const stream = await client.chat.completions.create({
      model: HAIKU,
      messages: [{ role: 'user', content: 'one two three four five six' }],
      stream: true,
    });
    const texts: string[] = [];
    const thrown = await (async () => {
      for await (const chunk of stream) texts.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(OpenAI.APIError);
    expect((thrown as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({
      type: 'server_error',
      code: 'provider_unavailable',
    });
    expect(texts.join('').length).toBeGreaterThan(0);
  });
});
