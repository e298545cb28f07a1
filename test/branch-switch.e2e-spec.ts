import request from 'supertest';
import { openSse } from './support/sse';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

interface MessageBody {
  id: string;
  role: string;
  parentId: string | null;
  status: string;
}

describe('Switching the active branch: POST .../messages/:messageId/activate (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ MOCK_TOKEN_DELAY_MS: '0' });
  });
  afterAll(() => t.close());

  const as = (user: string) => ({
    post: (path: string, body: object = {}) =>
      request(t.url).post(path).set('X-User-Id', user).send(body),
    get: (path: string) => request(t.url).get(path).set('X-User-Id', user),
  });

  it('brings back an older answer with the turns that followed it; the next turn continues there', async () => {
    const u = as(uniqueUser());
    const { body: c } = await u.post('/api/v1/conversations').expect(201);
    const messages = `/api/v1/conversations/${c.id}/messages`;
    const first = (await u.post(messages, { content: 'first' }).expect(201)).body;
    const second = (await u.post(messages, { content: 'second' }).expect(201)).body;
    const retried = (
      await u.post(`${messages}/${first.assistantMessage.id}/regenerate`).expect(201)
    ).body;
    const activeIds = async () =>
      ((await u.get(messages).expect(200)).body as MessageBody[]).map((m) => m.id);
    expect(await activeIds()).toEqual([first.userMessage.id, retried.assistantMessage.id]);

    const switched = await u.post(`${messages}/${first.assistantMessage.id}/activate`).expect(200);
    const branch = [
      first.userMessage.id,
      first.assistantMessage.id,
      second.userMessage.id,
      second.assistantMessage.id,
    ];
    expect((switched.body.messages as MessageBody[]).map((m) => m.id)).toEqual(branch);
    expect(switched.body.id).toBe(c.id);
    expect(await activeIds()).toEqual(branch);

    const third = (await u.post(messages, { content: 'third' }).expect(201)).body;
    expect(third.userMessage.parentId).toBe(second.assistantMessage.id);

    // And back to the regenerated answer (a leaf: the branch ends there).
    const back = await u.post(`${messages}/${retried.assistantMessage.id}/activate`).expect(200);
    expect((back.body.messages as MessageBody[]).map((m) => m.id)).toEqual([
      first.userMessage.id,
      retried.assistantMessage.id,
    ]);
  });

  it("answers 404 for another user's conversation or an unknown message, 400 for a bad id", async () => {
    const owner = as(uniqueUser());
    const { body: c } = await owner.post('/api/v1/conversations').expect(201);
    const messages = `/api/v1/conversations/${c.id}/messages`;
    const turn = (await owner.post(messages, { content: 'mine' }).expect(201)).body;

    const stranger = as(uniqueUser());
    const refused = await stranger.post(`${messages}/${turn.userMessage.id}/activate`).expect(404);
    expect(refused.body.error.code).toBe('conversation_not_found');
    const unknown = await owner
      .post(`${messages}/00000000-0000-7000-8000-000000000000/activate`)
      .expect(404);
    expect(unknown.body.error.code).toBe('message_not_found');
    const bad = await owner.post(`${messages}/not-a-uuid/activate`).expect(400);
    expect(bad.body.error.requestId).toEqual(expect.any(String));
    // Nothing moved.
    const { body: after } = await owner.get(`/api/v1/conversations/${c.id}`).expect(200);
    expect((after.messages as MessageBody[]).map((m) => m.id)).toEqual([
      turn.userMessage.id,
      turn.assistantMessage.id,
    ]);
  });

  it('refuses with 409 turn_in_progress while an answer streams', async () => {
    const slow = await createTestApp({ MOCK_TOKEN_DELAY_MS: '200' });
    try {
      const user = uniqueUser();
      const { body: c } = await request(slow.url)
        .post('/api/v1/conversations')
        .set('X-User-Id', user)
        .send({})
        .expect(201);
      const messages = `/api/v1/conversations/${c.id}/messages`;
      const stream = await openSse(`${slow.url}${messages}`, {
        headers: { 'X-User-Id': user },
        body: { content: 'a long answer please' },
      });
      const [start] = await stream.take(1);
      const refused = await request(slow.url)
        .post(`${messages}/${start.data.userMessage.id}/activate`)
        .set('X-User-Id', user)
        .expect(409);
      expect(refused.body.error.code).toBe('turn_in_progress');
      await request(slow.url)
        .post(`${messages}/${start.data.assistantMessageId}/stop`)
        .set('X-User-Id', user)
        .expect(200);
      await stream.collect(10000);
    } finally {
      await slow.close();
    }
  });
});
