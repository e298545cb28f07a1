import request from 'supertest';
import { CHAT_RATE_LIMIT } from '@app/platform';
import { MessagesController } from '../libs/conversations/interface/http/messages.controller';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';
import { withExtraModules } from './support/platform-helpers';
import { PlatformTestModule } from './support/platform-test-routes';

/** Whether the lead's send route already carries @ChatRateLimit(). */
const sendRouteLimited = Boolean(
  Reflect.getMetadata(CHAT_RATE_LIMIT, MessagesController.prototype.send),
);

describe('Rate limits, in-process store (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(
      {
        REDIS_URL: undefined,
        REDIS_HOST: undefined,
        RATE_LIMIT_READ: '3/60s',
        RATE_LIMIT_CHAT: '10/60s',
        MOCK_TOKEN_DELAY_MS: '0',
      },
      withExtraModules([PlatformTestModule]),
    );
  });
  afterAll(() => t.close());

  const get = (user: string, path = '/api/v1/conversations') =>
    request(t.url).get(path).set('X-User-Id', user);

  it('answers the 4th read in the window with 429, Retry-After and X-RateLimit-* headers', async () => {
    const user = uniqueUser('reader');
    for (let i = 0; i < 3; i++) {
      const ok = await get(user).expect(200);
      expect(ok.headers['x-ratelimit-limit']).toBe('3');
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(2 - i));
      expect(Number(ok.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
    }
    const limited = await get(user).set('X-Request-Id', 'rl-4');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      error: {
        code: 'rate_limited',
        message: expect.stringContaining('read limit'),
        details: { limit: 'read', max: 3, windowSeconds: 60 },
        requestId: 'rl-4',
      },
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.headers['x-ratelimit-limit']).toBe('3');
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    expect(limited.headers['x-ratelimit-reset']).toBe(limited.headers['retry-after']);

    await get(uniqueUser('other')).expect(200);
  });

  it('counts one budget per user across all read routes', async () => {
    const user = uniqueUser('mixed');
    const { body } = await request(t.url)
      .post('/api/v1/conversations')
      .set('X-User-Id', user)
      .send({})
      .expect(201);
    await get(user, `/api/v1/conversations/${body.id}`).expect(200);
    await get(user, `/api/v1/conversations/${body.id}/messages`).expect(200);
    await get(user).expect(429);
  });

  it('never limits health, docs or metrics', async () => {
    for (let i = 0; i < 6; i++) {
      await request(t.url).get('/health').expect(200);
      await request(t.url).get('/api/v1/health').expect(200);
      await request(t.url).get('/metrics').expect(200);
      await request(t.url).get('/docs-json').expect(200);
    }
  });

  it('counts refusals in /metrics', async () => {
    const user = uniqueUser('counted');
    for (let i = 0; i < 5; i++) await get(user);
    const metrics = await request(t.url).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^http_requests_throttled_total\{limit="read"\} [1-9]\d*$/m);
  });

  it('puts @ChatRateLimit() routes under the chat limit only: the 11th send is 429, reads pass', async () => {
    const user = uniqueUser('sender');
    for (let i = 0; i < 10; i++)
      await request(t.url).post('/test-platform/send').set('X-User-Id', user).expect(201);
    const limited = await request(t.url).post('/test-platform/send').set('X-User-Id', user);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', details: { limit: 'chat' } });
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.headers['x-ratelimit-limit']).toBe('10');
    // Sends did not use the read budget (3): reads still pass.
    await get(user).expect(200);
    await get(user).expect(200);
  });

  (sendRouteLimited ? it : it.skip)(
    'limits POST /api/v1/conversations/:id/messages: the 11th send in 60 s is 429, reads pass',
    async () => {
      const user = uniqueUser('real-sender');
      const { body } = await request(t.url)
        .post('/api/v1/conversations')
        .set('X-User-Id', user)
        .send({})
        .expect(201);
      const send = () =>
        request(t.url)
          .post(`/api/v1/conversations/${body.id}/messages`)
          .set('X-User-Id', user)
          .send({ content: 'hello' });
      for (let i = 0; i < 10; i++) expect((await send()).status).toBe(201);
      const limited = await send();
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBeDefined();
      await get(user, `/api/v1/conversations/${body.id}`).expect(200);
    },
  );
  if (!sendRouteLimited)
    process.stdout.write(
      'platform-rate-limit: POST /api/v1/conversations/:id/messages has no @ChatRateLimit() yet; its test is skipped\n',
    );
});

describe('Rate limits by client address (e2e)', () => {
  it('tracks anonymous callers by IP, trusting X-Forwarded-For only with TRUST_PROXY=true', async () => {
    const trusted = await createTestApp({
      REDIS_URL: undefined,
      REDIS_HOST: undefined,
      RATE_LIMIT_READ: '2/60s',
      TRUST_PROXY: 'true',
    });
    const untrusted = await createTestApp({
      REDIS_URL: undefined,
      REDIS_HOST: undefined,
      RATE_LIMIT_READ: '2/60s',
      TRUST_PROXY: 'false',
    });
    try {
      const from = (t: TestApp, ip: string) =>
        request(t.url).get('/api/v1/conversations').set('X-Forwarded-For', ip);
      await from(trusted, '203.0.113.1').expect(200);
      await from(trusted, '203.0.113.1').expect(200);
      await from(trusted, '203.0.113.1').expect(429);
      await from(trusted, '203.0.113.2').expect(200);

      // Untrusted: the header is ignored, every caller is 127.0.0.1.
      await from(untrusted, '198.51.100.1').expect(200);
      await from(untrusted, '198.51.100.2').expect(200);
      await from(untrusted, '198.51.100.3').expect(429);
    } finally {
      await trusted.close();
      await untrusted.close();
    }
  });
});
