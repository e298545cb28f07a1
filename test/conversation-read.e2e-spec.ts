import request from 'supertest';
import { ConversationReads } from '../libs/conversations/application/ports/conversation.reads';
import { activeBranch } from '../libs/conversations/domain';
import {
  presentConversation,
  presentMessage,
} from '../libs/conversations/interface/http/presenters';
import { sqlOf, TestSql } from './support/sql';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

// Quotes, escapes, control characters, HTML, emoji and the JSON-unsafe line separators.
const AWKWARD = 'He said "hi" \\ back\n\ttab \u0001 </script> 😀 \u2028\u2029 é';

/**
 * Conversation reads send exactly what the presenters make of the stored rows (the API's one
 * message shape), on every branch, whatever the values hold.
 */
describe('Conversation reads', () => {
  let t: TestApp;
  let db: TestSql;
  let conversations: ConversationReads;

  beforeAll(async () => {
    t = await createTestApp({ LLM_PROVIDER: 'mock', MOCK_TOKEN_DELAY_MS: '0' });
    db = sqlOf(t);
    conversations = t.app.get(ConversationReads);
  });
  afterAll(() => t?.close());

  const as = (user: string) => ({
    post: (path: string, body: object = {}) =>
      request(t.url).post(path).set('X-User-Id', user).send(body),
    get: (path: string) => request(t.url).get(path).set('X-User-Id', user),
  });

  const presented = async (owner: string, id: string, all: boolean) => {
    const { messages, leafId } = await conversations.listMessages(owner, id);
    return (all ? messages : activeBranch(messages, leafId)).map(presentMessage);
  };

  it('sends what the presenters make of the same rows, on the active branch and on all', async () => {
    const user = uniqueUser('render');
    const u = as(user);
    const { body: c } = await u
      .post('/api/v1/conversations', { title: AWKWARD, metadata: { tags: ['a', AWKWARD] } })
      .expect(201);
    const path = `/api/v1/conversations/${c.id}`;
    const first = await u
      .post(`${path}/messages`, { content: AWKWARD, clientMessageId: 'render-1' })
      .expect(201);
    const second = await u.post(`${path}/messages`, { content: 'second' }).expect(201);
    await u.post(`${path}/messages/${second.body.assistantMessage.id}/regenerate`).expect(201);
    await u
      .post(`${path}/messages`, { content: 'edited', parentId: first.body.assistantMessage.id })
      .expect(201);
    // Values no API call writes: microsecond timestamps, stored errors, odd JSON, null usage.
    await db.query(
      `update messages set error = ?::jsonb, metadata = ?::jsonb, input_tokens = null, latency_ms = 0,
         created_at = '2026-01-02 03:04:05.999999+00', updated_at = '1999-12-31 23:59:59.0005+00'
       where id = ?`,
      [
        JSON.stringify({ code: 'throttled', message: AWKWARD, retryable: true }),
        JSON.stringify({ b: 1, a: { nested: [1, 2.5, null, 'x', -0.001, 1e21] }, '10': true }),
        first.body.assistantMessage.id,
      ],
    );
    await db.query('update messages set client_message_id = ?, model = ? where id = ?', [
      `"id" ${AWKWARD}`,
      `model "${AWKWARD}"`,
      first.body.userMessage.id,
    ]);

    const read = await u.get(path).expect(200);
    expect(read.headers['content-type']).toBe('application/json; charset=utf-8');
    const conversation = await conversations.findConversation(user, c.id);
    expect(read.body).toEqual({
      ...presentConversation(conversation!),
      messages: await presented(user, c.id, false),
      summary: null,
    });
    expect(read.body.messages.map((m: { content: string }) => m.content)).toEqual([
      AWKWARD,
      expect.any(String),
      'edited',
      expect.any(String),
    ]);
    const branch = await u.get(`${path}/messages`).expect(200);
    expect(branch.body).toEqual(read.body.messages);
    const all = await u.get(`${path}/messages?all=true`).expect(200);
    expect(all.body).toHaveLength(7);
    expect(all.body).toEqual(await presented(user, c.id, true));
    expect(all.body[1]).toMatchObject({
      error: { code: 'throttled', message: AWKWARD, retryable: true },
      usage: { inputTokens: null },
      latencyMs: 0,
      createdAt: '2026-01-02T03:04:05.999Z',
      updatedAt: '1999-12-31T23:59:59.000Z',
    });
  });

  it('reads a conversation without messages as an empty list', async () => {
    const u = as(uniqueUser('render'));
    const { body: c } = await u.post('/api/v1/conversations', {}).expect(201);
    const read = await u.get(`/api/v1/conversations/${c.id}`).expect(200);
    expect(read.body).toEqual({ ...c, messages: [], summary: null });
    await u.get(`/api/v1/conversations/${c.id}/messages?all=true`).expect(200, []);
  });

  it('settles an answer whose process died before it shows it', async () => {
    const user = uniqueUser('render');
    const u = as(user);
    const { body: c } = await u.post('/api/v1/conversations', {}).expect(201);
    const turn = await u
      .post(`/api/v1/conversations/${c.id}/messages`, { content: 'q' })
      .expect(201);
    await db.query(
      `update messages set status = 'streaming', heartbeat_at = now() - interval '1 hour' where id = ?`,
      [turn.body.assistantMessage.id],
    );
    const read = await u.get(`/api/v1/conversations/${c.id}`).expect(200);
    expect(read.body.messages[1]).toMatchObject({
      status: 'failed',
      error: { code: 'interrupted' },
    });
    expect(read.body.messages).toEqual(await presented(user, c.id, false));
  });

  it('keeps other callers out', async () => {
    const owner = as(uniqueUser('render'));
    const { body: c } = await owner.post('/api/v1/conversations', {}).expect(201);
    const other = as(uniqueUser('render'));
    const read = await other.get(`/api/v1/conversations/${c.id}`).expect(404);
    expect(read.body.error.code).toBe('conversation_not_found');
    await other.get(`/api/v1/conversations/${c.id}/messages`).expect(404);
  });
});
