import OpenAI from 'openai';
import { Client } from 'pg';
import request from 'supertest';
import { TokenBudget } from '@app/platform';
import { openRequest } from './support/open-request';
import { LONG } from './support/replicas';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';
import {
  captureLogs,
  HS_SECRET,
  hs256Token,
  LogCapture,
  withLogger,
} from './support/platform-helpers';

const ADMIN_API_KEY = 'e2e-bootstrap-Admin-Key-7f3a9c1b5d2e8f4a6b0c';
const KEY_SHAPE = /^sk-cb-[A-Za-z0-9_-]{43}$/;
const CHAT_PAYLOAD = {
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 20,
  messages: [{ role: 'user', content: 'hi' }],
};
const ENV = {
  AUTH_MODE: 'jwt',
  JWT_SECRET: HS_SECRET,
  ADMIN_API_KEY,
  RATE_LIMIT_READ: '100000/60s',
  RATE_LIMIT_CHAT: '100000/60s',
  USER_DAILY_TOKEN_LIMIT: undefined,
};
const bootstrap = { Authorization: `Bearer ${ADMIN_API_KEY}` };
const jwtOf = async (sub: string, claims: Record<string, unknown> = {}) => ({
  Authorization: `Bearer ${await hs256Token({ sub, ...claims })}`,
});

interface CreatedKey {
  id: string;
  key: string;
  prefix: string;
  ownerId: string;
}

describe('API keys (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  const logsA = captureLogs('debug');
  const logsB = captureLogs('debug');
  /** Every key value a test saw, to look for in the logs at the end. */
  const secrets: string[] = [];

  beforeAll(async () => {
    a = await createTestApp(ENV, withLogger(logsA));
    // A second replica on the same database (and the same Redis when REDIS_URL is set).
    b = await createTestApp(ENV, withLogger(logsB));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  async function createKey(
    t: TestApp,
    admin: Record<string, string>,
    body: Record<string, unknown>,
  ): Promise<CreatedKey> {
    const res = await request(t.url).post('/api/v1/admin/api-keys').set(admin).send(body);
    expect([res.status, res.body.error]).toEqual([201, undefined]);
    secrets.push(res.body.key);
    return res.body;
  }

  it('an admin (bootstrap key or admin JWT) creates keys, shown once with a recognisable prefix', async () => {
    const owner = uniqueUser('owner');
    const byBootstrap = await createKey(a, bootstrap, {
      ownerId: owner,
      name: 'ci',
      requestsPerMinute: 100,
    });
    expect(byBootstrap).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      key: expect.stringMatching(KEY_SHAPE),
      prefix: byBootstrap.key.slice(0, 12),
      name: 'ci',
      ownerId: owner,
      requestsPerMinute: 100,
      dailyTokenLimit: null,
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });
    const adminJwt = await jwtOf(uniqueUser('root'), { roles: ['user', 'admin'] });
    const byJwt = await createKey(b, adminJwt, { ownerId: owner, name: 'laptop' });
    expect(byJwt.key).not.toBe(byBootstrap.key);

    const list = await request(a.url).get('/api/v1/admin/api-keys').set(adminJwt).expect(200);
    const listed = list.body.items.find((k: { id: string }) => k.id === byJwt.id);
    expect(listed).toMatchObject({ prefix: byJwt.prefix, name: 'laptop', ownerId: owner });
    expect(listed.key).toBeUndefined();
    expect(JSON.stringify(list.body)).not.toContain(byJwt.key);
  });

  it('refuses bad bodies with 400 in the envelope', async () => {
    for (const body of [
      {},
      { ownerId: 'alice' },
      { ownerId: 'has spaces', name: 'x' },
      { ownerId: 'alice', name: '   ' },
      { ownerId: 'alice', name: 'a\u0000b' },
      { ownerId: 'alice', name: 'a\ud800b' },
      { ownerId: 'alice', name: 'x'.repeat(101) },
      { ownerId: 'x'.repeat(129), name: 'x' },
      { ownerId: 'alice', name: 'x', requestsPerMinute: 1e12 },
      [{ ownerId: 'alice', name: 'x' }],
      { ownerId: 'alice', name: 'x', requestsPerMinute: 0 },
      { ownerId: 'alice', name: 'x', dailyTokenLimit: 1.5 },
      { ownerId: 'alice', name: 'x', dailyTokenLimit: '100' },
      { ownerId: 'alice', name: 'x', extra: true },
    ]) {
      const res = await request(a.url).post('/api/v1/admin/api-keys').set(bootstrap).send(body);
      expect([JSON.stringify(body), res.status, res.body.error?.code]).toEqual([
        JSON.stringify(body),
        400,
        expect.any(String),
      ]);
    }
  });

  it('a key authenticates as its owner on the resource API and on /chat, by either header', async () => {
    const owner = uniqueUser('owner');
    const { key, id } = await createKey(a, bootstrap, { ownerId: owner, name: 'app' });
    const created = await request(a.url)
      .post('/api/v1/conversations')
      .set('Authorization', `Bearer ${key}`)
      .send({ title: 'by key' })
      .expect(201);
    const sent = await request(b.url)
      .post(`/api/v1/conversations/${created.body.id}/messages`)
      .set('x-api-key', key)
      .send({ content: 'hello' })
      .expect(201);
    expect(sent.body.assistantMessage.status).toBe('complete');
    // The owner's JWT sees what the key did: the key acted as its owner.
    const mine = await request(a.url)
      .get('/api/v1/conversations')
      .set(await jwtOf(owner))
      .expect(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(created.body.id);
    const chat = await request(a.url)
      .post('/chat')
      .set('x-api-key', key)
      .send({ mode: 'chat', payload: CHAT_PAYLOAD })
      .expect(200);
    expect(typeof chat.body.answer).toBe('string');
    // Keys are not admins, whoever owns them.
    await request(a.url).get('/api/v1/admin/api-keys').set('x-api-key', key).expect(403);

    await logsA.waitFor((lines) =>
      lines.some((l) => l.route === '/chat' && l.apiKeyId === id && l.userId === owner),
    );
    // lastUsedAt is written shortly after, off the request path.
    for (let i = 0; ; i++) {
      const list = await request(a.url).get('/api/v1/admin/api-keys').set(bootstrap).expect(200);
      const row = list.body.items.find((k: { id: string }) => k.id === id);
      if (row.lastUsedAt) break;
      if (i > 50) throw new Error('lastUsedAt never written');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('the openai SDK uses a key on /v1/chat/completions; once revoked, replica B answers AuthenticationError', async () => {
    const owner = uniqueUser('owner');
    const { key, id } = await createKey(a, bootstrap, { ownerId: owner, name: 'sdk' });
    const sdkOn = (t: TestApp) =>
      new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });
    const answer = await sdkOn(b).chat.completions.create({
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
      messages: [{ role: 'user', content: 'hello through a key' }],
    });
    expect(answer.choices[0].message.content).toEqual(expect.any(String));
    await logsB.waitFor((lines) =>
      lines.some((l) => l.route === '/v1/chat/completions' && l.apiKeyId === id),
    );
    await request(a.url).delete(`/api/v1/admin/api-keys/${id}`).set(bootstrap).expect(204);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const refused = await sdkOn(b)
      .chat.completions.create({
        model: 'anthropic.claude-3-haiku-20240307-v1:0',
        messages: [{ role: 'user', content: 'after revoking' }],
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((refused as InstanceType<typeof OpenAI.AuthenticationError>).status).toBe(401);
  });

  it('a revoked key is refused with 401 on a second replica within a second', async () => {
    const owner = uniqueUser('owner');
    const { key, id } = await createKey(a, bootstrap, { ownerId: owner, name: 'to revoke' });
    // Replica B has just accepted (and may cache) the key.
    await request(b.url).get('/api/v1/conversations').set('x-api-key', key).expect(200);
    await request(a.url).delete(`/api/v1/admin/api-keys/${id}`).set(bootstrap).expect(204);
    const revokedAt = Date.now();
    await request(a.url).get('/api/v1/conversations').set('x-api-key', key).expect(401);
    let refused = false;
    while (Date.now() - revokedAt < 1000) {
      const res = await request(b.url)
        .get('/api/v1/conversations')
        .set('Authorization', `Bearer ${key}`);
      if (res.status === 401) {
        expect(res.body.error.code).toBe('invalid_api_key');
        refused = true;
        break;
      }
      expect(res.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(refused).toBe(true);
    const list = await request(b.url).get('/api/v1/admin/api-keys').set(bootstrap).expect(200);
    expect(list.body.items.find((k: { id: string }) => k.id === id).revokedAt).toEqual(
      expect.any(String),
    );
    // Revoking again is fine; unknown or malformed ids are 404.
    await request(b.url).delete(`/api/v1/admin/api-keys/${id}`).set(bootstrap).expect(204);
    for (const unknown of ['0193a1f2-7c4e-7b3a-9f00-5b2d3c4e5f60', 'not-a-uuid']) {
      const res = await request(a.url).delete(`/api/v1/admin/api-keys/${unknown}`).set(bootstrap);
      expect([res.status, res.body.error?.code]).toEqual([404, 'api_key_not_found']);
    }
  });

  it('every admin route of /docs-json is 403 for non-admins, and documented so', async () => {
    const { body: doc } = await request(a.url).get('/docs-json').expect(200);
    const adminRoutes: [string, string][] = [];
    for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (path.startsWith('/api/v1/admin/'))
          expect([method, path, operation['x-admin-only']]).toEqual([method, path, true]);
        if (!operation['x-admin-only']) continue;
        expect(operation.responses).toHaveProperty('403');
        adminRoutes.push([method, path]);
      }
    }
    expect(adminRoutes.length).toBeGreaterThanOrEqual(3);
    const { key } = await createKey(a, bootstrap, { ownerId: uniqueUser('plain'), name: 'k' });
    const callers: [string, Record<string, string>][] = [
      ['a user JWT', await jwtOf(uniqueUser('user'))],
      ['a JWT with other roles', await jwtOf(uniqueUser('user'), { roles: 'user administrator' })],
      ['an API key', { 'x-api-key': key }],
    ];
    for (const [who, headers] of callers) {
      for (const [method, path] of adminRoutes) {
        const url = path.replace(/\{[^}]+\}/g, '0193a1f2-7c4e-7b3a-9f00-5b2d3c4e5f60');
        const res = await request(a.url)
          [method as 'get' | 'post' | 'delete'](url)
          .set(headers)
          .send(method === 'post' ? { ownerId: 'x', name: 'x' } : undefined);
        expect([who, method, path, res.status, res.body.error?.code]).toEqual([
          who,
          method,
          path,
          403,
          'forbidden',
        ]);
      }
    }
  });

  it('the database holds hashes only', async () => {
    const created = await createKey(a, bootstrap, { ownerId: uniqueUser('o'), name: 'hashed' });
    const db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query('select * from api_keys');
      expect(rows.length).toBeGreaterThanOrEqual(secrets.length);
      const row = rows.find((r) => r.id === created.id);
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      const stored = rows.flatMap((r) => Object.values(r).map((v) => String(v)));
      for (const secret of secrets) {
        const random = secret.slice('sk-cb-'.length);
        for (const value of stored) {
          expect(value === secret || value.includes(secret) || value.includes(random)).toBe(false);
        }
      }
    } finally {
      await db.end();
    }
  });

  it("a key's own rate limit applies to it alone, with 429 and Retry-After", async () => {
    const owner = uniqueUser('limited');
    const limited = await createKey(a, bootstrap, {
      ownerId: owner,
      name: 'slow',
      requestsPerMinute: 3,
    });
    const other = await createKey(a, bootstrap, { ownerId: owner, name: 'fast' });
    for (let i = 0; i < 3; i++) {
      const ok = await request(a.url)
        .get('/api/v1/conversations')
        .set('x-api-key', limited.key)
        .expect(200);
      expect(ok.headers['x-ratelimit-limit']).toBe('3');
    }
    const refused = await request(a.url).post('/chat').set('x-api-key', limited.key).send({
      mode: 'chat',
      payload: CHAT_PAYLOAD,
    });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited', details: { max: 3 } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await request(a.url).get('/api/v1/conversations').set('x-api-key', other.key).expect(200);
    await request(a.url)
      .get('/api/v1/conversations')
      .set(await jwtOf(owner))
      .expect(200);
  });

  it("a key's own daily token budget is enforced with 429 token_budget_exceeded", async () => {
    const owner = uniqueUser('budget');
    const { key } = await createKey(a, bootstrap, {
      ownerId: owner,
      name: 'cheap',
      dailyTokenLimit: 5,
    });
    const chat = () =>
      request(a.url)
        .post('/chat')
        .set('x-api-key', key)
        .send({ mode: 'chat', payload: CHAT_PAYLOAD });
    await chat().expect(200);
    let refused: request.Response | undefined;
    for (let i = 0; i < 40 && !refused; i++) {
      const res = await chat();
      if (res.status === 429) refused = res;
      else await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(refused?.body.error).toMatchObject({
      code: 'token_budget_exceeded',
      details: { limit: 5 },
    });
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    const conversation = await request(b.url)
      .post('/api/v1/conversations')
      .set('x-api-key', key)
      .send({})
      .expect(201);
    const send = await request(b.url)
      .post(`/api/v1/conversations/${conversation.body.id}/messages`)
      .set('x-api-key', key)
      .send({ content: 'more' });
    expect([send.status, send.body.error?.code]).toEqual([429, 'token_budget_exceeded']);
    // The owner's other credentials are not bound by the key's budget.
    await request(a.url)
      .post('/chat')
      .set(await jwtOf(owner))
      .send({ mode: 'chat', payload: CHAT_PAYLOAD })
      .expect(200);
  });

  it("a streamed turn whose client left still counts against the key's budget", async () => {
    const { key, id } = await createKey(a, bootstrap, {
      ownerId: uniqueUser('leaver'),
      name: 'leaves early',
      dailyTokenLimit: 1_000_000,
    });
    const conversation = await request(a.url)
      .post('/api/v1/conversations')
      .set('x-api-key', key)
      .send({})
      .expect(201);
    const { req, res } = await openRequest(
      `${a.url}/api/v1/conversations/${conversation.body.id}/messages`,
      {
        headers: { 'x-api-key': key, Accept: 'text/event-stream' },
        body: { content: LONG },
        timeoutMs: 5000,
        label: 'SSE',
      },
    );
    expect(res.statusCode).toBe(200);
    await new Promise((resolve) => res.once('data', resolve));
    req.destroy();
    // The turn goes on (STREAM_ON_DISCONNECT=continue) and its tokens reach the key's count.
    const budget = a.app.get(TokenBudget);
    for (let i = 0; ; i++) {
      const counted = await budget.assertKeyWithinBudget(id, 0, 0).then(
        () => 0,
        (problem: { details: { used: number } }) => problem.details.used,
      );
      if (counted > 0) break;
      if (i > 200) throw new Error("the turn's tokens never reached the key's count");
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });

  it('a malformed, too short or unknown key is 401 invalid_api_key', async () => {
    const { key } = await createKey(a, bootstrap, { ownerId: uniqueUser('o'), name: 'real' });
    const unknown = `sk-cb-${'Q'.repeat(43)}`;
    for (const value of ['short', 'sk-cb-', key.slice(0, -1), `${key}A`, `${key}!`, unknown]) {
      for (const headers of [{ 'x-api-key': value }, { Authorization: `Bearer ${value}` }]) {
        const res = await request(a.url).get('/api/v1/conversations').set(headers);
        const expected =
          headers.Authorization && !value.startsWith('sk-cb-')
            ? 'invalid_token'
            : 'invalid_api_key';
        expect([value, res.status, res.body.error?.code]).toEqual([value, 401, expected]);
      }
    }
  });

  it('never writes a key value to the logs; access lines carry the key id', async () => {
    const lines = [...logsA.lines, ...logsB.lines];
    expect(lines.some((l) => typeof l.apiKeyId === 'string' && l.apiKeyId !== 'bootstrap')).toBe(
      true,
    );
    expect(lines.some((l) => l.apiKeyId === 'bootstrap')).toBe(true);
    const text = lines.map((l) => JSON.stringify(l)).join('\n');
    expect(secrets.length).toBeGreaterThanOrEqual(10);
    for (const secret of [...secrets, ADMIN_API_KEY])
      expect(text.includes(secret) || text.includes(secret.slice(6))).toBe(false);
  });
});

describe('AUTH_MODE=api-key (e2e)', () => {
  let t: TestApp;
  const logs: LogCapture = captureLogs();
  beforeAll(async () => {
    t = await createTestApp(
      { ...ENV, AUTH_MODE: 'api-key', JWT_SECRET: HS_SECRET },
      withLogger(logs),
    );
  });
  afterAll(() => t?.close());

  it('accepts keys only: JWTs and X-User-Id are refused with 401', async () => {
    const owner = uniqueUser('keyonly');
    const created = await request(t.url)
      .post('/api/v1/admin/api-keys')
      .set('x-api-key', ADMIN_API_KEY)
      .send({ ownerId: owner, name: 'only' })
      .expect(201);
    await request(t.url)
      .get('/api/v1/conversations')
      .set('x-api-key', created.body.key)
      .expect(200);
    const adminJwt = await jwtOf(owner, { roles: ['admin'] });
    for (const headers of [adminJwt, { 'X-User-Id': owner }, {}]) {
      const res = await request(t.url).get('/api/v1/conversations').set(headers);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="api"/);
    }
    await request(t.url).get('/api/v1/admin/api-keys').set(adminJwt).expect(401);
    await request(t.url).get('/health').expect(200);
  });
});

describe('AUTH_MODE=none with API keys (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      AUTH_MODE: 'none',
      ADMIN_API_KEY,
      ADMIN_USER_IDS: 'dev-admin, other-admin',
      RATE_LIMIT_READ: '100000/60s',
    });
  });
  afterAll(() => t?.close());

  it('a key still identifies its owner, an invalid one is 401, ADMIN_USER_IDS are admins', async () => {
    const owner = uniqueUser('nonemode');
    const created = await request(t.url)
      .post('/api/v1/admin/api-keys')
      .set('X-User-Id', 'dev-admin')
      .send({ ownerId: owner, name: 'dev' })
      .expect(201);
    const conversation = await request(t.url)
      .post('/api/v1/conversations')
      .set('x-api-key', created.body.key)
      .set('X-User-Id', 'someone-else')
      .send({})
      .expect(201);
    await request(t.url)
      .get(`/api/v1/conversations/${conversation.body.id}`)
      .set('X-User-Id', owner)
      .expect(200);
    await request(t.url)
      .get('/api/v1/conversations')
      .set('x-api-key', `sk-cb-${'x'.repeat(43)}`)
      .expect(401);
    await request(t.url).get('/api/v1/admin/api-keys').set('X-User-Id', 'someone').expect(403);
    await request(t.url).get('/api/v1/admin/api-keys').expect(403);
    await request(t.url).get('/api/v1/admin/api-keys').set('X-User-Id', 'other-admin').expect(200);
  });
});
