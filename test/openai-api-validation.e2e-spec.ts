import OpenAI, { AuthenticationError } from 'openai';
import request from 'supertest';
import { ChatHarness, startChatHarness } from './support/chat-harness';
import { HS_SECRET, hs256Token } from './support/platform-helpers';
import { createTestApp } from './support/test-app';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const user = (content: unknown) => ({ role: 'user', content });
const ask = (extra: object = {}) => ({ model: HAIKU, messages: [user('hi')], ...extra });
const WEATHER = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: {} } },
};
const called = (args: string, id = 'call_1') => ({
  role: 'assistant',
  content: null,
  tool_calls: [{ id, type: 'function', function: { name: 'get_weather', arguments: args } }],
});
const nested = (depth: number): unknown => (depth === 0 ? 'x' : [nested(depth - 1)]);

interface Case {
  name: string;
  body: unknown;
  status: number;
  /** The `param` of the error, when it names one field. */
  param?: string | null;
  message: RegExp;
  /** Sent as-is (malformed JSON, another content type). */
  raw?: { text: string; type: string };
}

const CASES: Case[] = [
  {
    name: 'an unknown role',
    body: { model: HAIKU, messages: [{ role: 'robot', content: 'hi' }] },
    status: 400,
    param: 'messages[0].role',
    message: /role must be one of system, developer, user, assistant, tool/,
  },
  {
    name: 'no messages',
    body: { model: HAIKU, messages: [] },
    status: 400,
    param: 'messages',
    message: /messages must contain at least 1 elements/,
  },
  {
    name: 'only a system message',
    body: { model: HAIKU, messages: [{ role: 'system', content: 'Be brief.' }] },
    status: 400,
    message: /at least one user message/,
  },
  { name: 'n = 3', body: ask({ n: 3 }), status: 400, param: 'n', message: /n must be 1/ },
  {
    name: 'an unknown tool_choice',
    body: ask({ tools: [WEATHER], tool_choice: 'sometimes' }),
    status: 400,
    param: 'tool_choice',
    message: /tool_choice must be "auto", "none", "required"/,
  },
  {
    name: 'a tool_choice naming a function not in tools',
    body: ask({ tools: [WEATHER], tool_choice: { type: 'function', function: { name: 'nope' } } }),
    status: 400,
    param: 'tool_choice',
    message: /names the function nope, which is not in tools/,
  },
  {
    name: 'tool call arguments that are not JSON',
    body: {
      model: HAIKU,
      messages: [
        user('hi'),
        called('{city: Paris'),
        { role: 'tool', tool_call_id: 'call_1', content: 'x' },
      ],
    },
    status: 400,
    param: 'messages[1].tool_calls[0].function.arguments',
    message: /must be a JSON object in a string/,
  },
  {
    name: 'a tool result for an unknown call id',
    body: {
      model: HAIKU,
      messages: [user('hi'), called('{}'), { role: 'tool', tool_call_id: 'call_9', content: 'x' }],
    },
    status: 400,
    param: 'messages[2].tool_call_id',
    message: /"call_9" names no tool call/,
  },
  {
    name: 'a tool call left unanswered',
    body: { model: HAIKU, messages: [user('hi'), called('{}'), user('and?')] },
    status: 400,
    param: 'messages[2]',
    message: /tool calls call_1 have no tool message answering them/,
  },
  {
    name: 'a remote image URL (never fetched)',
    body: ask({
      messages: [
        user([
          { type: 'image_url', image_url: { url: 'http://169.254.169.254/latest/meta-data' } },
        ]),
      ],
    }),
    status: 400,
    param: 'messages[0].content[0].image_url.url',
    message: /remote image URLs are not fetched/,
  },
  {
    name: 'a data URL that is not an image',
    body: ask({
      messages: [user([{ type: 'image_url', image_url: { url: 'data:text/plain;base64,aGk=' } }])],
    }),
    status: 400,
    param: 'messages[0].content[0].image_url.url',
    message: /base64 data: URL of a png, jpeg, gif or webp image/,
  },
  {
    name: 'an image part in a system message',
    body: ask({
      messages: [
        {
          role: 'system',
          content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1PX}` } }],
        },
        user('hi'),
      ],
    }),
    status: 400,
    param: 'messages[0].content[0]',
    message: /must be a text part/,
  },
  {
    name: 'a temperature of the wrong type',
    body: ask({ temperature: 'hot' }),
    status: 400,
    param: 'temperature',
    message: /temperature must not be greater than 2/,
  },
  {
    name: 'content of the wrong type',
    body: ask({ messages: [user(42)] }),
    status: 400,
    param: 'messages[0].content',
    message: /must be a string or a non-empty array of content parts/,
  },
  {
    name: 'max_tokens of 0',
    body: ask({ max_tokens: 0 }),
    status: 400,
    param: 'max_tokens',
    message: /max_tokens must not be less than 1/,
  },
  {
    name: 'five stop sequences',
    body: ask({ stop: ['a', 'b', 'c', 'd', 'e'] }),
    status: 400,
    param: 'stop',
    message: /up to 4/,
  },
  {
    name: 'stream_options without stream',
    body: ask({ stream_options: { include_usage: true } }),
    status: 400,
    param: 'stream_options',
    message: /only allowed when stream is true/,
  },
  {
    name: 'an unknown field',
    body: ask({ temperaturee: 0.5 }),
    status: 400,
    param: 'temperaturee',
    message: /property temperaturee should not exist/,
  },
  {
    name: 'no model',
    body: { messages: [user('hi')] },
    status: 400,
    param: 'model',
    message: /model should not be empty/,
  },
  {
    name: 'deeply nested JSON',
    body: ask({ metadata: nested(100) }),
    status: 400,
    param: null,
    message: /nests objects or arrays deeper than 64 levels/,
  },
  {
    name: 'malformed JSON',
    body: undefined,
    raw: { text: '{"model": "x", "messages": [', type: 'application/json' },
    status: 400,
    param: null,
    message: /not valid JSON/,
  },
  {
    name: 'not JSON at all',
    body: undefined,
    raw: { text: 'model=x', type: 'application/x-www-form-urlencoded' },
    status: 415,
    param: null,
    message: /must be JSON/,
  },
  {
    name: 'oversized content',
    body: ask({ messages: [user('x'.repeat(70_000))] }),
    status: 413,
    param: null,
    message: /larger than 65536 bytes/,
  },
];

describe('OpenAI-compatible API: bad requests never reach the model', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness('bedrock emulator', {
      env: { LLM_MODEL_ID: HAIKU, BODY_LIMIT: '64kb' },
    });
  });
  afterAll(() => h?.close());

  it.each(CASES)('$name: $status in OpenAI error shape', async (c) => {
    const before = h.emulator!.requests.length;
    const post = request(h.t.url).post('/v1/chat/completions');
    const res = c.raw
      ? await post.set('Content-Type', c.raw.type).send(c.raw.text)
      : await post.send(c.body as object);
    expect(res.status).toBe(c.status);
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(Object.keys(res.body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(res.body.error.type).toBe('invalid_request_error');
    expect(res.body.error.message).toMatch(c.message);
    if (c.param !== undefined) expect(res.body.error.param).toBe(c.param);
    expect(h.emulator!.requests.length).toBe(before);
  });

  it('embeddings: a bad encoding_format and an unknown model, in OpenAI shape', async () => {
    const bad = await request(h.t.url)
      .post('/v1/embeddings')
      .send({ model: 'amazon.titan-embed-text-v2:0', input: 'x', encoding_format: 'hex' })
      .expect(400);
    expect(bad.body.error).toMatchObject({
      type: 'invalid_request_error',
      param: 'encoding_format',
    });
    const unknown = await request(h.t.url)
      .post('/v1/embeddings')
      .send({ model: 'text-embedding-3-small', input: 'x' })
      .expect(404);
    expect(unknown.body.error).toMatchObject({ code: 'model_not_found' });
    expect(h.emulator!.requests).toHaveLength(0);
  });

  it('an unknown /v1 route: 404 in OpenAI shape; /api/v1 keeps the envelope', async () => {
    const res = await request(h.t.url).get('/v1/assistants').expect(404);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'not_found' });
    const envelope = await request(h.t.url).get('/api/v1/nothing-here').expect(404);
    expect(envelope.body.error).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
  });
});

describe('OpenAI-compatible API with AUTH_MODE=jwt', () => {
  it('no or a bad token is 401 (the SDK AuthenticationError); a good one answers', async () => {
    const t = await createTestApp({
      AUTH_MODE: 'jwt',
      JWT_SECRET: HS_SECRET,
      LLM_PROVIDER: 'mock',
      MOCK_TOKEN_DELAY_MS: '0',
      LLM_MODEL_ID: HAIKU,
    });
    try {
      const bare = await request(t.url).post('/v1/chat/completions').send(ask()).expect(401);
      expect(bare.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(bare.body.error).toMatchObject({ type: 'authentication_error', param: null });
      const client = (apiKey: string) =>
        new OpenAI({ baseURL: `${t.url}/v1`, apiKey, maxRetries: 0 });
      const refused = await client('not-a-jwt')
        .models.list()
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AuthenticationError);
      const token = await hs256Token({ sub: 'jwt-user' });
      const answer = await client(token).chat.completions.create({
        model: HAIKU,
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(answer.choices[0].message.content).toContain('[mock reply]');
    } finally {
      await t.close();
    }
  });
});
