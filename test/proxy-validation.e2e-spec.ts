import request from 'supertest';
import { ChatHarness, startChatHarness } from './support/chat-harness';

const ok = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 100 };
const user = (content: unknown) => ({ role: 'user', content });
const chat = (payload: unknown, extra: object = {}) => ({ mode: 'chat', payload, ...extra });

/** [case, request body, a detail (or message) the 400 must mention] */
const MALFORMED: [string, object, RegExp][] = [
  ['no messages', chat({ ...ok }), /payload\.messages must be a non-empty array/],
  ['empty messages', chat({ ...ok, messages: [] }), /payload\.messages must be a non-empty array/],
  ['messages not an array', chat({ ...ok, messages: 'hi' }), /payload\.messages must be/],
  [
    'a bad role',
    chat({ ...ok, messages: [user('hi'), { role: 'robot', content: 'x' }] }),
    /messages\[1\]\.role must be "user" or "assistant"/,
  ],
  [
    'a system role in messages',
    chat({ ...ok, messages: [{ role: 'system', content: 'x' }, user('hi')] }),
    /put system prompts in payload\.system/,
  ],
  [
    'the first message from the assistant',
    chat({ ...ok, messages: [{ role: 'assistant', content: 'x' }] }),
    /messages\[0\]\.role must be "user"/,
  ],
  [
    'empty content',
    chat({ ...ok, messages: [user('  ')] }),
    /messages\[0\]\.content must not be empty/,
  ],
  [
    'an empty block list',
    chat({ ...ok, messages: [user([])] }),
    /content must not be an empty array/,
  ],
  [
    'an image block',
    chat({ ...ok, messages: [user([{ type: 'image', source: {} }])] }),
    /only "text" blocks/,
  ],
  [
    'a block without text',
    chat({ ...ok, messages: [user([{ type: 'text' }])] }),
    /content\[0\]\.text must be a non-empty string/,
  ],
  [
    'content of the wrong type',
    chat({ ...ok, messages: [user(42)] }),
    /must be a string or an array of text blocks, not a number/,
  ],
  [
    'max_tokens 0',
    chat({ ...ok, max_tokens: 0, messages: [user('hi')] }),
    /max_tokens must be an integer from 1 to 4096/,
  ],
  [
    'max_tokens huge',
    chat({ ...ok, max_tokens: 1_000_000, messages: [user('hi')] }),
    /max_tokens must be an integer from 1 to 4096/,
  ],
  ['max_tokens missing', chat({ messages: [user('hi')] }), /max_tokens is required/],
  [
    'max_tokens a string',
    chat({ ...ok, max_tokens: '100', messages: [user('hi')] }),
    /max_tokens must be an integer/,
  ],
  [
    'temperature 2',
    chat({ ...ok, temperature: 2, messages: [user('hi')] }),
    /temperature must be a number from 0 to 1/,
  ],
  [
    'stop_sequences not strings',
    chat({ ...ok, stop_sequences: [1], messages: [user('hi')] }),
    /stop_sequences must be an array of non-empty strings/,
  ],
  [
    'the model inside the payload',
    chat({ ...ok, model: 'x', messages: [user('hi')] }),
    /payload\.model is not supported: set the model at the top level/,
  ],
  ['tools', chat({ ...ok, tools: [], messages: [user('hi')] }), /payload\.tools is not supported/],
  ['no payload', { mode: 'chat' }, /payload is required when mode is "chat"/],
  ['a payload that is not an object', chat('hello'), /payload must be an object/],
  [
    'an unknown mode',
    chat({ ...ok, messages: [user('hi')] }, { mode: 'summarize' }),
    /mode must be one of the following values: chat, embed/,
  ],
  [
    'stream not a boolean',
    chat({ ...ok, messages: [user('hi')] }, { stream: 'yes' }),
    /stream must be a boolean/,
  ],
  [
    'model not a string',
    chat({ ...ok, messages: [user('hi')] }, { model: 7 }),
    /model must be a string/,
  ],
  [
    'an unknown field',
    chat({ ...ok, messages: [user('hi')] }, { temperature: 1 }),
    /property temperature should not exist/,
  ],
  ['embed without text', { mode: 'embed' }, /text is required when mode is "embed"/],
  [
    'embed with a non-string text',
    { mode: 'embed', text: 42 },
    /text must be a string or an array of strings/,
  ],
  [
    'embed with non-string items',
    { mode: 'embed', text: ['a', 1] },
    /text must be a string or an array of strings/,
  ],
  ['embed with an empty text', { mode: 'embed', text: '' }, /text\[0\] must be a non-empty string/],
  ['embed with no texts', { mode: 'embed', text: [] }, /give 1 to 256 texts/],
  [
    'embed with bad dimensions',
    { mode: 'embed', text: 'a', dimensions: 0 },
    /dimensions must not be less than 1/,
  ],
  ['embeddings resource without input', {}, /input must be a string or an array of strings/],
];

describe('Proxy input validation: clear 400s in the envelope, no model call', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness('bedrock emulator', { env: { PROXY_MAX_TOKENS_LIMIT: '4096' } });
  });
  afterAll(() => h?.close());
  beforeEach(() => h.reset());

  it.each(MALFORMED)('%s', async (name, body, mention) => {
    const path = name.startsWith('embeddings resource') ? '/api/v1/embeddings' : '/chat';
    const res = await request(h.t.url).post(path).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'validation_failed',
      requestId: expect.any(String),
    });
    const said = [res.body.error.message, ...(res.body.error.details ?? [])].join('\n');
    expect(said).toMatch(mention);
    expect(h.emulator!.requests).toHaveLength(0);
  });

  it('reports every problem of a payload at once', async () => {
    const res = await request(h.t.url)
      .post('/chat')
      .send(chat({ max_tokens: 0, temperature: 5, messages: [{ role: 'assistant', content: '' }] }))
      .expect(400);
    expect(res.body.error.message).toBe('The payload is not a valid Anthropic Messages body');
    expect(res.body.error.details).toHaveLength(4);
  });

  it('accepts the limit itself, string system prompts and text-block system prompts', async () => {
    for (const system of ['Be brief.', [{ type: 'text', text: 'Be brief.' }]]) {
      await request(h.t.url)
        .post('/chat')
        .send(chat({ ...ok, max_tokens: 4096, system, messages: [user('hi')] }))
        .expect(200);
    }
    expect(h.emulator!.requests).toHaveLength(2);
  });

  it('adds anthropic_version when the payload has none (Bedrock requires it)', async () => {
    await request(h.t.url)
      .post('/chat')
      .send(chat({ max_tokens: 10, messages: [user('hi')] }))
      .expect(200);
    expect(h.emulator!.requests[0].body).toEqual({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 10,
      messages: [user('hi')],
    });
  });
});
