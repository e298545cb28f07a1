import request from 'supertest';
import {
  as,
  ChatHarness,
  PROVIDERS,
  startChatHarness,
  storedMessages,
} from './support/chat-harness';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const SEED_RESPONSE_KEYS = [
  'chat_id',
  'message_uid',
  'metadata',
  'response',
  'response_session_id',
  'status',
];

interface SeedTurn {
  chat_id: string;
  message_uid: string;
  response_session_id: string;
  user_input: string;
  bedrock_response: string | null;
  status: string;
  chat_metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

describe.each(PROVIDERS)('Seed-compatible API (%s)', (provider) => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness(provider);
  });
  afterAll(() => h?.close());
  beforeEach(() => h.reset());

  const chat = (user: string, body: object) => as(h.t, user).post('/api/v1/chats', body);

  it("POST /api/v1/chats answers with the seed's exact fields, in chat test-chat-123", async () => {
    const user = uniqueUser();
    const message = 'What are SQL injection attacks?';
    const res = await chat(user, { message, chat_id: 'test-chat-123' }).expect(200);
    expect(Object.keys(res.body).sort()).toEqual(SEED_RESPONSE_KEYS);
    expect(res.body).toMatchObject({
      chat_id: 'test-chat-123',
      status: 'success',
      metadata: { question: message, bedrock_processed: provider === 'bedrock emulator' },
    });
    expect(res.body.metadata.timestamp).toMatch(ISO);
    expect(typeof res.body.message_uid).toBe('string');
    expect(typeof res.body.response_session_id).toBe('string');
    if (h.emulator) expect(res.body.response).toBe(`Emulated reply to: ${message}`);
    else expect(res.body.response).toContain(message);
    expect(h.modelCalls()).toBe(1);

    // The same resource through the conversations API: stored, titled from the question.
    const conversation = await as(h.t, user).get('/api/v1/conversations/test-chat-123').expect(200);
    expect(conversation.body).toMatchObject({ id: 'test-chat-123', title: message });
    expect(
      conversation.body.messages.map((m: { role: string; content: string }) => [m.role, m.content]),
    ).toEqual([
      ['user', message],
      ['assistant', res.body.response],
    ]);
    const list = await as(h.t, user).get('/api/v1/conversations?limit=50&offset=0').expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual(['test-chat-123']);

    // A second message in the same chat carries the first turn as context.
    const second = await chat(user, {
      message: 'And how to prevent them?',
      chat_id: 'test-chat-123',
    }).expect(200);
    expect(second.body.chat_id).toBe('test-chat-123');
    expect(second.body.response_session_id).not.toBe(res.body.response_session_id);
    expect(h.lastModelMessages()).toEqual([
      { role: 'user', content: message },
      { role: 'assistant', content: res.body.response },
      { role: 'user', content: 'And how to prevent them?' },
    ]);
    expect(await storedMessages(h.t, user, 'test-chat-123')).toHaveLength(4);
  });

  it('POST /api/v1/chats without chat_id starts a new chat', async () => {
    const user = uniqueUser();
    const a = await chat(user, { message: 'first chat' }).expect(200);
    const b = await chat(user, { message: 'second chat' }).expect(200);
    expect(a.body.chat_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.body.chat_id).not.toBe(a.body.chat_id);
    const list = await as(h.t, user).get('/api/v1/conversations').expect(200);
    expect(list.body.total).toBe(2);
  });

  it('a resent message_uid returns the stored answer; the model is called once', async () => {
    const user = uniqueUser();
    const body = { message: 'Only once', chat_id: 'seed-idem', message_uid: 'def456' };
    const first = await chat(user, body).expect(200);
    expect(first.body.message_uid).toBe('def456');
    const again = await chat(user, body).expect(200);
    expect(again.body).toEqual(first.body);
    expect(h.modelCalls()).toBe(1);
    expect(await storedMessages(h.t, user, 'seed-idem')).toHaveLength(2);
  });

  it('GET /api/v1/history lists the caller’s turns newest first, paginated, in the seed’s row shape', async () => {
    const user = uniqueUser();
    const sent = [
      { message: 'one', chat_id: 'hist-a', message_uid: 'uid-1' },
      { message: 'two', chat_id: 'hist-b', message_uid: 'uid-2' },
      { message: 'three', chat_id: 'hist-a', message_uid: 'uid-3' },
    ];
    const answers: string[] = [];
    for (const body of sent) answers.push((await chat(user, body).expect(200)).body.response);
    await chat(uniqueUser('other'), { message: 'not mine', chat_id: 'hist-a' }).expect(200);

    const page = await as(h.t, user).get('/api/v1/history').expect(200);
    expect(page.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    const items = page.body.items as SeedTurn[];
    expect(items.map((i) => i.user_input)).toEqual(['three', 'two', 'one']);
    expect(items.map((i) => i.message_uid)).toEqual(['uid-3', 'uid-2', 'uid-1']);
    expect(items.map((i) => i.bedrock_response)).toEqual([...answers].reverse());
    const top = items[0];
    expect(top).toMatchObject({ chat_id: 'hist-a', status: 'complete' });
    expect(top.created_at).toMatch(ISO);
    expect(top.updated_at).toMatch(ISO);
    expect(top.chat_metadata).toMatchObject({
      question: 'three',
      bedrock_processed: provider === 'bedrock emulator',
      chat_id: 'hist-a',
      message_uid: 'uid-3',
      response_session_id: top.response_session_id,
      user_id: user,
    });
    expect(top.chat_metadata.timestamp).toMatch(ISO);

    const first = await as(h.t, user).get('/api/v1/history?limit=2&offset=0').expect(200);
    expect(first.body.items.map((i: SeedTurn) => i.user_input)).toEqual(['three', 'two']);
    const rest = await as(h.t, user).get('/api/v1/history?limit=2&offset=2').expect(200);
    expect(rest.body.items.map((i: SeedTurn) => i.user_input)).toEqual(['one']);
    expect(rest.body.total).toBe(3);
    await as(h.t, user).get('/api/v1/history?limit=0').expect(400);
  });

  it('GET /api/v1/my-history by chat_id, by message_id, and both', async () => {
    const user = uniqueUser();
    const one = await chat(user, { message: 'alpha', chat_id: 'test-chat-123' }).expect(200);
    await chat(user, { message: 'beta', chat_id: 'test-chat-123', message_uid: 'def456' }).expect(
      200,
    );
    await chat(user, { message: 'gamma', chat_id: 'elsewhere' }).expect(200);

    const byChat = await as(h.t, user).get('/api/v1/my-history?chat_id=test-chat-123').expect(200);
    expect(byChat.body.total).toBe(2);
    expect(byChat.body.items.map((i: SeedTurn) => i.user_input)).toEqual(['beta', 'alpha']);
    expect(byChat.body.items.every((i: SeedTurn) => i.chat_id === 'test-chat-123')).toBe(true);

    const byUid = await as(h.t, user).get('/api/v1/my-history?message_id=def456').expect(200);
    expect(byUid.body.items.map((i: SeedTurn) => i.user_input)).toEqual(['beta']);
    const both = await as(h.t, user)
      .get('/api/v1/my-history?chat_id=test-chat-123&message_id=def456')
      .expect(200);
    expect(both.body.items).toHaveLength(1);
    // A message without message_uid is found by the uid the API gave it.
    const generated = await as(h.t, user)
      .get(`/api/v1/my-history?message_id=${one.body.message_uid}`)
      .expect(200);
    expect(generated.body.items.map((i: SeedTurn) => i.user_input)).toEqual(['alpha']);
    const none = await as(h.t, user)
      .get('/api/v1/my-history?chat_id=elsewhere&message_id=def456')
      .expect(200);
    expect(none.body).toMatchObject({ items: [], total: 0 });

    // Another user's chat of the same id is theirs alone.
    const other = await as(h.t, uniqueUser('other'))
      .get('/api/v1/my-history?chat_id=test-chat-123')
      .expect(200);
    expect(other.body).toMatchObject({ items: [], total: 0 });
  });

  it('rejects bad seed input with 4xx in the envelope and maps provider failures', async () => {
    const user = uniqueUser();
    const cases: [object, number, string][] = [
      [{ message: '' }, 400, 'empty_message'],
      [{ message: '   ' }, 400, 'empty_message'],
      [{}, 400, 'validation_failed'],
      [{ message: 1 }, 400, 'validation_failed'],
      [{ message: 'hi', chat_id: 'bad id/x' }, 400, 'validation_failed'],
      [{ message: 'hi', message_uid: 'bad uid!' }, 400, 'validation_failed'],
      [{ message: 'x'.repeat(32001) }, 413, 'message_too_long'],
    ];
    for (const [body, status, code] of cases) {
      const res = await chat(user, body);
      expect({ body, status: res.status, code: res.body.error?.code }).toEqual({
        body,
        status,
        code,
      });
    }
    expect(h.modelCalls()).toBe(0);
    const throttled = await chat(user, { message: h.fault('throttle', 'busy?') });
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(throttled.body.error.code).toBe('provider_throttled');
  });
});

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LLM_PROVIDER: 'mock' });
  });
  afterAll(() => t?.close());

  it('documents the message endpoints with the SSE event types, and the seed endpoints with examples', async () => {
    const { body: doc } = await request(t.url).get('/docs-json').expect(200);
    const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
    for (const [path, verb] of [
      ['/api/v1/conversations/{id}/messages', 'post'],
      ['/api/v1/conversations/{id}/messages/{messageId}/stop', 'post'],
      ['/api/v1/conversations/{id}/messages/{messageId}/stream', 'get'],
      ['/api/v1/chats', 'post'],
      ['/api/v1/history', 'get'],
      ['/api/v1/my-history', 'get'],
      ['/api/v1/conversations', 'get'],
      ['/api/v1/conversations/{id}', 'get'],
      ['/api/v1/models', 'get'],
    ]) {
      expect({ path, verb, documented: !!paths[path]?.[verb] }).toEqual({
        path,
        verb,
        documented: true,
      });
    }
    const send = JSON.stringify(paths['/api/v1/conversations/{id}/messages'].post);
    for (const word of ['message.start', 'delta', 'message.end', 'error', 'text/event-stream'])
      expect(send).toContain(word);
    expect(
      JSON.stringify(paths['/api/v1/conversations/{id}/messages/{messageId}/stream'].get),
    ).toContain('text/event-stream');

    const seed = JSON.stringify(paths['/api/v1/chats'].post);
    expect(seed).toContain('test-chat-123');
    const schemas = doc.components.schemas as Record<string, { properties: object }>;
    const responseSchema = Object.values(schemas).find(
      (s) => s.properties && 'response_session_id' in s.properties && 'response' in s.properties,
    );
    expect(Object.keys(responseSchema?.properties ?? {}).sort()).toEqual(SEED_RESPONSE_KEYS);
    const history = JSON.stringify([paths['/api/v1/my-history'].get, paths['/api/v1/history'].get]);
    expect(history).toContain('chat_id');
    expect(history).toContain('message_id');
  });
});
