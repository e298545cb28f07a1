import request from 'supertest';
import { Clock } from '../libs/conversations/application/ports/clock';
import { hs256Token, HS_SECRET } from './support/platform-helpers';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

/** Real time plus an offset the test moves, to reach a share's expiry. */
class ShiftedClock extends Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

const DAY_MS = 86_400_000;

describe('Conversation shares (e2e)', () => {
  let t: TestApp;
  const clock = new ShiftedClock();
  beforeAll(async () => {
    t = await createTestApp(
      { AUTH_MODE: 'jwt', JWT_SECRET: HS_SECRET, MOCK_TOKEN_DELAY_MS: '0' },
      (builder) => builder.overrideProvider(Clock).useValue(clock),
    );
  });
  afterAll(() => t.close());
  afterEach(() => {
    clock.offsetMs = 0;
  });

  const as = async (user: string) => {
    const auth = `Bearer ${await hs256Token({ sub: user })}`;
    return {
      post: (path: string, body: object = {}) =>
        request(t.url).post(path).set('Authorization', auth).send(body),
      get: (path: string) => request(t.url).get(path).set('Authorization', auth),
      delete: (path: string) => request(t.url).delete(path).set('Authorization', auth),
    };
  };

  async function conversationWithTurn(user: string) {
    const u = await as(user);
    const { body: c } = await u
      .post('/api/v1/conversations', { title: 'Shared 共有 分享' })
      .expect(201);
    const turn = await u
      .post(`/api/v1/conversations/${c.id}/messages`, { content: 'What is 日本語?' })
      .expect(201);
    return { u, conversation: c, turn: turn.body };
  }

  it('creates a share anyone can read without auth, showing nothing of the owner', async () => {
    const owner = uniqueUser('owner');
    const { u, conversation, turn } = await conversationWithTurn(owner);
    const created = await u.post(`/api/v1/conversations/${conversation.id}/shares`).expect(201);
    expect(created.body).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      url: `/api/v1/shares/${created.body.token}`,
      createdAt: expect.any(String),
      expiresAt: null,
    });

    const read = await request(t.url).get(created.body.url).expect(200);
    expect(read.body).toEqual({
      title: 'Shared 共有 分享',
      messages: [
        { role: 'user', content: 'What is 日本語?', createdAt: turn.userMessage.createdAt },
        {
          role: 'assistant',
          content: turn.assistantMessage.content,
          createdAt: turn.assistantMessage.createdAt,
        },
      ],
      sharedAt: created.body.createdAt,
      expiresAt: null,
    });
    const text = read.text;
    for (const secret of [
      owner,
      conversation.id,
      turn.userMessage.id,
      turn.assistantMessage.id,
      turn.userMessage.turnId,
    ])
      expect(text).not.toContain(secret);

    // A later turn does not change the snapshot.
    await u
      .post(`/api/v1/conversations/${conversation.id}/messages`, { content: 'later' })
      .expect(201);
    const again = await request(t.url).get(created.body.url).expect(200);
    expect(again.body.messages).toHaveLength(2);
  });

  it('lists and revokes; a revoked share is 404', async () => {
    const owner = uniqueUser('owner');
    const { u, conversation } = await conversationWithTurn(owner);
    const path = `/api/v1/conversations/${conversation.id}/shares`;
    // No body at all is the same as {}.
    const first = (
      await request(t.url)
        .post(path)
        .set('Authorization', `Bearer ${await hs256Token({ sub: owner })}`)
        .expect(201)
    ).body;
    const second = (await u.post(path, { expiresInDays: 30 }).expect(201)).body;
    expect(first.token).not.toBe(second.token);
    const listed = await u.get(path).expect(200);
    expect(listed.body.map((s: { token: string }) => s.token).sort()).toEqual(
      [first.token, second.token].sort(),
    );

    await u.delete(`${path}/${first.token}`).expect(204);
    const gone = await request(t.url).get(first.url).expect(404);
    expect(gone.body.error.code).toBe('share_not_found');
    await request(t.url).get(second.url).expect(200);
    expect((await u.get(path).expect(200)).body).toEqual([second]);
    await u.delete(`${path}/${first.token}`).expect(404);
  });

  it('an expired share is 404', async () => {
    const { u, conversation } = await conversationWithTurn(uniqueUser('owner'));
    const share = (
      await u
        .post(`/api/v1/conversations/${conversation.id}/shares`, { expiresInDays: 1 })
        .expect(201)
    ).body;
    expect(Date.parse(share.expiresAt) - Date.parse(share.createdAt)).toBe(DAY_MS);
    await request(t.url).get(share.url).expect(200);
    clock.offsetMs = DAY_MS + 1000;
    await request(t.url).get(share.url).expect(404);
  });

  it('refuses bad expiries with 400', async () => {
    const { u, conversation } = await conversationWithTurn(uniqueUser('owner'));
    const path = `/api/v1/conversations/${conversation.id}/shares`;
    for (const expiresInDays of [0, 366, 1.5, '7', { days: 1 }])
      await u.post(path, { expiresInDays }).expect(400);
    await u.post(path, { other: true }).expect(400);
  });

  it('another user cannot create, list or revoke shares of a conversation not theirs (404)', async () => {
    const { u, conversation } = await conversationWithTurn(uniqueUser('owner'));
    const path = `/api/v1/conversations/${conversation.id}/shares`;
    const share = (await u.post(path).expect(201)).body;
    const intruder = await as(uniqueUser('intruder'));
    expect((await intruder.post(path).expect(404)).body.error.code).toBe('conversation_not_found');
    await intruder.get(path).expect(404);
    await intruder.delete(`${path}/${share.token}`).expect(404);
    await request(t.url).get(share.url).expect(200);
  });

  it('needs auth for the owner routes, and answers 404 to unknown or malformed tokens', async () => {
    await request(t.url).post('/api/v1/conversations/x/shares').expect(401);
    await request(t.url).get('/api/v1/conversations/x/shares').expect(401);
    await request(t.url)
      .get(`/api/v1/shares/${'A'.repeat(43)}`)
      .expect(404);
    await request(t.url).get('/api/v1/shares/short').expect(404);
    await request(t.url)
      .get(`/api/v1/shares/${'%27'.repeat(40)}`)
      .expect(404);
  });

  it("a deleted conversation's shares are 404", async () => {
    const { u, conversation } = await conversationWithTurn(uniqueUser('owner'));
    const share = (await u.post(`/api/v1/conversations/${conversation.id}/shares`).expect(201))
      .body;
    await u.delete(`/api/v1/conversations/${conversation.id}`).expect(204);
    await request(t.url).get(share.url).expect(404);
  });
});

describe('Public share reads are limited per client IP (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      RATE_LIMIT_READ: '3/60s',
      MOCK_TOKEN_DELAY_MS: '0',
      // Its own counters: with Redis, the other apps of this file read shares from the same IP.
      REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX ?? 'test:'}share-ip-limit:${Date.now()}:`,
    });
  });
  afterAll(() => t.close());

  it('counts every read from one IP together, whoever the caller claims to be', async () => {
    const owner = uniqueUser('owner');
    const { body: c } = await request(t.url)
      .post('/api/v1/conversations')
      .set('X-User-Id', owner)
      .send({ title: 'limited' })
      .expect(201);
    const { body: share } = await request(t.url)
      .post(`/api/v1/conversations/${c.id}/shares`)
      .set('X-User-Id', owner)
      .send({})
      .expect(201);
    for (const caller of ['a', 'b', 'c'])
      await request(t.url).get(share.url).set('X-User-Id', caller).expect(200);
    const limited = await request(t.url).get(share.url).set('X-User-Id', 'd');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The owner's own routes are still counted against the owner, not the IP.
    await request(t.url)
      .get(`/api/v1/conversations/${c.id}/shares`)
      .set('X-User-Id', owner)
      .expect(200);
  });
});
