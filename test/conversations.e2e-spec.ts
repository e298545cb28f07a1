import request from 'supertest';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

describe('Conversation resource API (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const as = (user: string) => ({
    post: (path: string, body?: object) =>
      request(t.url).post(path).set('X-User-Id', user).send(body),
    get: (path: string) => request(t.url).get(path).set('X-User-Id', user),
    patch: (path: string, body: object) =>
      request(t.url).patch(path).set('X-User-Id', user).send(body),
    delete: (path: string) => request(t.url).delete(path).set('X-User-Id', user),
  });

  it('creates, reads, lists, updates and soft-deletes a conversation', async () => {
    const alice = as(uniqueUser('alice'));
    const created = await alice
      .post('/api/v1/conversations', {
        title: '  Hello   world ',
        systemPrompt: 'Be brief',
        metadata: { a: 1 },
      })
      .expect(201);
    expect(created.body).toMatchObject({
      title: 'Hello world',
      systemPrompt: 'Be brief',
      metadata: { a: 1 },
      messageCount: 0,
    });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers['x-request-id']).toBeTruthy();

    const id = created.body.id as string;
    const got = await alice.get(`/api/v1/conversations/${id}`).expect(200);
    expect(got.body).toMatchObject({ id, title: 'Hello world', messages: [] });

    const patched = await alice
      .patch(`/api/v1/conversations/${id}`, { title: 'Renamed', metadata: { b: 2 } })
      .expect(200);
    expect(patched.body).toMatchObject({
      title: 'Renamed',
      metadata: { b: 2 },
      systemPrompt: 'Be brief',
    });

    const list = await alice.get('/api/v1/conversations').expect(200);
    expect(list.body).toMatchObject({ total: 1, limit: 50, offset: 0, nextCursor: null });
    expect(list.body.items[0].id).toBe(id);

    await alice.get(`/api/v1/conversations/${id}/messages`).expect(200, []);
    await alice.delete(`/api/v1/conversations/${id}`).expect(204);
    await alice.get(`/api/v1/conversations/${id}`).expect(404);
    await alice.delete(`/api/v1/conversations/${id}`).expect(404);
    expect((await alice.get('/api/v1/conversations').expect(200)).body.total).toBe(0);
  });

  it('accepts a client-chosen id like the seed, per user, and rejects a duplicate with 409', async () => {
    const alice = as(uniqueUser('alice'));
    const bob = as(uniqueUser('bob'));
    await alice.post('/api/v1/conversations', { id: 'test-chat-123' }).expect(201);
    await bob.post('/api/v1/conversations', { id: 'test-chat-123' }).expect(201);
    const dup = await alice.post('/api/v1/conversations', { id: 'test-chat-123' }).expect(409);
    expect(dup.body.error.code).toBe('conversation_exists');
    const bad = await alice.post('/api/v1/conversations', { id: 'has spaces/slash' }).expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it("hides another user's conversation behind 404 for every verb", async () => {
    const alice = as(uniqueUser('alice'));
    const mallory = as(uniqueUser('mallory'));
    const { body } = await alice.post('/api/v1/conversations', { title: 'private' }).expect(201);
    for (const res of [
      await mallory.get(`/api/v1/conversations/${body.id}`),
      await mallory.get(`/api/v1/conversations/${body.id}/messages`),
      await mallory.patch(`/api/v1/conversations/${body.id}`, { title: 'pwned' }),
      await mallory.delete(`/api/v1/conversations/${body.id}`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'conversation_not_found' });
    }
    expect((await mallory.get('/api/v1/conversations').expect(200)).body.total).toBe(0);
    expect((await alice.get(`/api/v1/conversations/${body.id}`).expect(200)).body.title).toBe(
      'private',
    );
  });

  it('pages with offset and with a keyset cursor, and searches titles', async () => {
    const carol = as(uniqueUser('carol'));
    for (let i = 0; i < 5; i++)
      await carol
        .post('/api/v1/conversations', { title: `Topic ${i}${i % 2 ? ' odd' : ''}` })
        .expect(201);
    const first = await carol.get('/api/v1/conversations?limit=2').expect(200);
    expect(first.body.items.map((c: { title: string }) => c.title)).toEqual([
      'Topic 4',
      'Topic 3 odd',
    ]);
    expect(first.body.total).toBe(5);
    const second = await carol
      .get(`/api/v1/conversations?limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(second.body.items.map((c: { title: string }) => c.title)).toEqual([
      'Topic 2',
      'Topic 1 odd',
    ]);
    const third = await carol
      .get(`/api/v1/conversations?limit=2&cursor=${second.body.nextCursor}`)
      .expect(200);
    expect(third.body.items.map((c: { title: string }) => c.title)).toEqual(['Topic 0']);
    expect(third.body.nextCursor).toBeNull();
    const offset = await carol.get('/api/v1/conversations?limit=2&offset=4').expect(200);
    expect(offset.body.items.map((c: { title: string }) => c.title)).toEqual(['Topic 0']);
    const search = await carol.get('/api/v1/conversations?q=ODD').expect(200);
    expect(search.body.total).toBe(2);
    await carol.get('/api/v1/conversations?q=100%25').expect(200);
  });

  it('answers bad input with 4xx in the one envelope, never a 500', async () => {
    const dave = as(uniqueUser('dave'));
    const cases: [request.Test, number, string][] = [
      [
        request(t.url)
          .post('/api/v1/conversations')
          .set('Content-Type', 'application/json')
          .send('{bad json'),
        400,
        'malformed_json',
      ],
      [dave.post('/api/v1/conversations', { title: 'x', unknown: true }), 400, 'validation_failed'],
      [dave.post('/api/v1/conversations', { title: 42 }), 400, 'validation_failed'],
      [dave.post('/api/v1/conversations', { metadata: 'nope' }), 400, 'validation_failed'],
      [dave.post('/api/v1/conversations', { title: 'x'.repeat(201) }), 400, 'validation_failed'],
      [
        dave.post('/api/v1/conversations', { metadata: { big: 'x'.repeat(20000) } }),
        400,
        'validation_failed',
      ],
      [
        request(t.url)
          .post('/api/v1/conversations')
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ title: 'x'.repeat(10 * 1024 * 1024) })),
        413,
        'payload_too_large',
      ],
      [dave.get('/api/v1/conversations?limit=-1'), 400, 'validation_failed'],
      [dave.get('/api/v1/conversations?limit=10000'), 400, 'validation_failed'],
      [dave.get('/api/v1/conversations?limit=abc'), 400, 'validation_failed'],
      [dave.get('/api/v1/conversations?offset=-5'), 400, 'validation_failed'],
      [dave.get('/api/v1/conversations?cursor=garbage'), 400, 'invalid_cursor'],
      [dave.get('/api/v1/conversations/does-not-exist'), 404, 'conversation_not_found'],
      [
        dave.get('/api/v1/conversations/does-not-exist/messages?all=maybe'),
        400,
        'validation_failed',
      ],
      [
        dave.patch('/api/v1/conversations/does-not-exist', { title: 'x' }),
        404,
        'conversation_not_found',
      ],
      [
        request(t.url).get('/api/v1/conversations').set('X-User-Id', 'bad user/with slash'),
        400,
        'invalid_user_id',
      ],
      [dave.get('/api/v1/no-such-route'), 404, 'not_found'],
    ];
    for (const [pending, status, code] of cases) {
      const res = await pending;
      expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
      expect(typeof res.body.error.requestId).toBe('string');
    }
  });

  it('echoes a well-formed X-Request-Id and makes one otherwise', async () => {
    const res = await request(t.url)
      .get('/api/v1/conversations/none')
      .set('X-Request-Id', 'req-abc.123');
    expect(res.headers['x-request-id']).toBe('req-abc.123');
    expect(res.body.error.requestId).toBe('req-abc.123');
    const fresh = await request(t.url).get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves liveness, readiness and the OpenAPI document', async () => {
    await request(t.url).get('/health').expect(200, { status: 'ok' });
    const ready = await request(t.url).get('/api/v1/health').expect(200);
    expect(ready.body.info.database.status).toBe('up');
    const doc = await request(t.url).get('/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/conversations',
        '/api/v1/conversations/{id}',
        '/api/v1/conversations/{id}/messages',
        '/health',
        '/api/v1/health',
      ]),
    );
    await request(t.url).get('/docs/').expect(200).expect('Content-Type', /html/);
  });
});
