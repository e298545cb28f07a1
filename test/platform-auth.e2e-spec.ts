import { UnsecuredJWT } from 'jose';
import request from 'supertest';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';
import { HS_SECRET, hs256Token, startJwksServer } from './support/platform-helpers';

const ISSUER = 'https://issuer.e2e';
const AUDIENCE = 'chat-api';
const NO_LIMITS = { RATE_LIMIT_READ: '100000/60s', RATE_LIMIT_CHAT: '100000/60s' };
const JWT_ENV = {
  ...NO_LIMITS,
  AUTH_MODE: 'jwt',
  JWT_SECRET: HS_SECRET,
  JWT_ISSUER: ISSUER,
  JWT_AUDIENCE: AUDIENCE,
};
const good = (sub: string, extra: Record<string, unknown> = {}) =>
  hs256Token({ sub, iss: ISSUER, aud: AUDIENCE, ...extra });

describe('Auth (e2e)', () => {
  describe('AUTH_MODE=jwt, HS256', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(JWT_ENV);
    });
    afterAll(() => t.close());

    const now = () => Math.floor(Date.now() / 1000);
    const badTokens: [string, () => Promise<string | undefined>, string][] = [
      ['missing', async () => undefined, 'unauthorized'],
      ['empty bearer', async () => 'Bearer ', 'unauthorized'],
      [
        'expired',
        async () => `Bearer ${await good('alice', { exp: now() - 3600 })}`,
        'token_expired',
      ],
      [
        'wrongly signed',
        async () =>
          `Bearer ${await hs256Token({ sub: 'alice', iss: ISSUER, aud: AUDIENCE }, 'another-secret-another-secret-another-secret')}`,
        'invalid_token',
      ],
      [
        'alg none',
        async () =>
          `Bearer ${new UnsecuredJWT({ sub: 'alice', iss: ISSUER, aud: AUDIENCE }).setExpirationTime('5m').encode()}`,
        'invalid_token',
      ],
      [
        'wrong issuer',
        async () => `Bearer ${await good('alice', { iss: 'https://evil.e2e' })}`,
        'invalid_token',
      ],
      [
        'wrong audience',
        async () => `Bearer ${await good('alice', { aud: 'someone-else' })}`,
        'invalid_token',
      ],
      ['garbage', async () => 'Bearer definitely.not.ajwt', 'invalid_token'],
      ['not base64', async () => 'Bearer %%%.%%%.%%%', 'invalid_token'],
      ['basic auth', async () => 'Basic YWxpY2U6cHc=', 'unauthorized'],
    ];

    it.each(badTokens)(
      'answers a %s token with 401 in the envelope',
      async (_name, header, code) => {
        const value = await header();
        const req = request(t.url).get('/api/v1/conversations').set('X-Request-Id', 'req-401');
        const res = await (value === undefined ? req : req.set('Authorization', value));
        expect(res.status).toBe(401);
        expect(res.body).toEqual({
          error: { code, message: expect.any(String), requestId: 'req-401' },
        });
        expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="api"/);
      },
    );

    it('also guards writes (401 before validation or any lookup)', async () => {
      const res = await request(t.url).post('/api/v1/conversations').send({ title: 'x' });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    });

    it('accepts a good token, takes the user from sub and ignores X-User-Id', async () => {
      const alice = uniqueUser('alice');
      const bob = uniqueUser('bob');
      const auth = `Bearer ${await good(alice)}`;
      const created = await request(t.url)
        .post('/api/v1/conversations')
        .set('Authorization', auth)
        .set('X-User-Id', bob)
        .send({ title: 'mine' })
        .expect(201);
      const list = await request(t.url)
        .get('/api/v1/conversations')
        .set('Authorization', auth)
        .set('X-User-Id', 'not a valid id at all')
        .expect(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
      const asBob = await request(t.url)
        .get('/api/v1/conversations')
        .set('Authorization', `Bearer ${await good(bob)}`)
        .expect(200);
      expect(asBob.body.total).toBe(0);
    });

    it('keeps health, docs and metrics open', async () => {
      await request(t.url).get('/health').expect(200);
      await request(t.url).get('/api/v1/health').expect(200);
      await request(t.url).get('/docs-json').expect(200);
      await request(t.url).get('/docs/').expect(200);
      await request(t.url).get('/metrics').expect(200);
    });
  });

  describe('AUTH_MODE=jwt with a JWKS (RS256)', () => {
    let t: TestApp;
    let jwks: Awaited<ReturnType<typeof startJwksServer>>;
    beforeAll(async () => {
      jwks = await startJwksServer();
      t = await createTestApp({
        ...NO_LIMITS,
        AUTH_MODE: 'jwt',
        JWT_SECRET: undefined,
        JWT_JWKS_URL: jwks.url,
        JWT_ALGORITHM: 'RS256',
      });
    });
    afterAll(async () => {
      await t.close();
      await jwks.close();
    });

    it('accepts a token signed with a key of the set and refuses an HS256 one', async () => {
      const carol = uniqueUser('carol');
      await request(t.url)
        .post('/api/v1/conversations')
        .set('Authorization', `Bearer ${await jwks.sign({ sub: carol })}`)
        .send({ title: 'rs256' })
        .expect(201);
      const hs = await request(t.url)
        .get('/api/v1/conversations')
        .set('Authorization', `Bearer ${await hs256Token({ sub: carol })}`);
      expect(hs.status).toBe(401);
      expect(hs.body.error.code).toBe('invalid_token');
    });
  });

  describe.each(['none', 'jwt'])('ownership with AUTH_MODE=%s', (mode) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(mode === 'jwt' ? JWT_ENV : { ...NO_LIMITS, AUTH_MODE: 'none' });
    });
    afterAll(() => t.close());

    const as = async (user: string) => {
      const headers: Record<string, string> =
        mode === 'jwt' ? { Authorization: `Bearer ${await good(user)}` } : { 'X-User-Id': user };
      return {
        get: (path: string) => request(t.url).get(path).set(headers),
        post: (path: string, body: object) => request(t.url).post(path).set(headers).send(body),
        patch: (path: string, body: object) => request(t.url).patch(path).set(headers).send(body),
        delete: (path: string) => request(t.url).delete(path).set(headers),
      };
    };

    it("user B can neither read, list, change, delete nor send into user A's conversation", async () => {
      const a = await as(uniqueUser('a'));
      const b = await as(uniqueUser('b'));
      const { body } = await a.post('/api/v1/conversations', { title: 'private' }).expect(201);
      const path = `/api/v1/conversations/${body.id}`;
      for (const res of [
        await b.get(path),
        await b.get(`${path}/messages`),
        await b.patch(path, { title: 'pwned' }),
        await b.delete(path),
        await b.post(`${path}/messages`, { content: 'let me in' }),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('conversation_not_found');
      }
      expect((await b.get('/api/v1/conversations').expect(200)).body.total).toBe(0);
      const mine = await a.get(path).expect(200);
      expect(mine.body).toMatchObject({ title: 'private', messageCount: 0 });
    });
  });

  it('documents the bearer scheme on API operations with AUTH_MODE=jwt, not on the open ones', async () => {
    const t = await createTestApp(JWT_ENV);
    try {
      const { body } = await request(t.url).get('/docs-json').expect(200);
      expect(body.components.securitySchemes).toEqual({
        bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
        apiKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-api-key' }),
      });
      expect(body.paths['/api/v1/conversations'].get.responses['401']).toBeDefined();
      const keys = [{ bearer: [] }, { apiKey: [] }];
      expect(body.paths['/api/v1/conversations'].get.security).toEqual(keys);
      expect(body.paths['/api/v1/conversations/{id}'].delete.security).toEqual(keys);
      expect(body.paths['/health'].get.security).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
