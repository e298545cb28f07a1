import request from 'supertest';
import { TokenBudget } from '@app/platform';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';
import { captureLogs, eventually, TcpProxy, withLogger } from './support/platform-helpers';

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL)
  process.stdout.write('platform-redis: REDIS_URL is not set, skipping the Redis-backed tests\n');

/** Runs only against a real Redis (REDIS_URL); .ci/run sets it when the machine's Redis answers. */
(REDIS_URL ? describe : describe.skip)('Rate limits and token budget in Redis (e2e)', () => {
  const redis = REDIS_URL ? new URL(REDIS_URL) : undefined;

  it('two app instances sharing Redis enforce one combined limit', async () => {
    const env = { REDIS_URL, RATE_LIMIT_READ: '4/60s' };
    const a = await createTestApp(env);
    const b = await createTestApp(env);
    try {
      const user = uniqueUser('replicated');
      const get = (t: TestApp) =>
        request(t.url).get('/api/v1/conversations').set('X-User-Id', user);
      await get(a).expect(200);
      await get(b).expect(200);
      await get(a).expect(200);
      await get(b).expect(200);
      const limitedOnA = await get(a);
      const limitedOnB = await get(b);
      expect([limitedOnA.status, limitedOnB.status]).toEqual([429, 429]);
      expect(limitedOnB.headers['retry-after']).toBeDefined();
      await get(b).set('X-User-Id', uniqueUser('other')).expect(200);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('keeps serving when Redis goes away (fail open) and limits again once it is back', async () => {
    const proxy = new TcpProxy(redis!.hostname, Number(redis!.port || 6379));
    await proxy.open();
    const logs = captureLogs();
    const t = await createTestApp(
      {
        REDIS_URL: `redis://127.0.0.1:${proxy.port}${redis!.pathname}`,
        RATE_LIMIT_READ: '3/60s',
      },
      withLogger(logs),
    );
    try {
      const get = (user: string) =>
        request(t.url).get('/api/v1/conversations').set('X-User-Id', user);
      const before = uniqueUser('before');
      for (let i = 0; i < 3; i++) await get(before).expect(200);
      await get(before).expect(429);

      await proxy.cut();
      // More requests than the limit, including from the user already limited: all served.
      const during = uniqueUser('during');
      for (let i = 0; i < 6; i++) await get(during).expect(200);
      await get(before).expect(200);
      const warnings = logs.lines.filter((l) => String(l.msg).includes('store unavailable'));
      expect(warnings).toHaveLength(1);
      const metrics = await request(t.url).get('/metrics').expect(200);
      expect(metrics.text).toMatch(/^rate_limit_store_failures_total [1-9]\d*$/m);

      await proxy.open();
      // ioredis reconnects in the background; once it has, the shared counts apply again.
      const after = uniqueUser('after');
      await eventually(async () => (await get(after)).status === 429);
      await logs.waitFor((lines) => lines.some((l) => String(l.msg).includes('store is back')));
    } finally {
      await t.close();
      await proxy.cut();
    }
  });

  it('keeps the daily token budget in Redis, shared by replicas', async () => {
    const env = { REDIS_URL, USER_DAILY_TOKEN_LIMIT: '1000' };
    const a = await createTestApp(env);
    const b = await createTestApp(env);
    try {
      const user = uniqueUser('spender');
      const budgetA = a.app.get(TokenBudget);
      const budgetB = b.app.get(TokenBudget);
      expect(budgetA.constructor.name).toBe('RedisTokenBudget');
      await budgetA.record(user, 600);
      await budgetB.record(user, 300);
      await expect(budgetA.assertWithinBudget(user, 100)).resolves.toBeUndefined();
      await expect(budgetB.assertWithinBudget(user, 101)).rejects.toMatchObject({
        status: 429,
        code: 'token_budget_exceeded',
        details: { limit: 1000, used: 900 },
      });
      await expect(budgetB.assertWithinBudget(uniqueUser('fresh'), 1000)).resolves.toBeUndefined();
    } finally {
      await a.close();
      await b.close();
    }
  });
});
