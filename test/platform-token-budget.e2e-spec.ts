import request from 'supertest';
import { TokenBudget } from '@app/platform';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';
import { withExtraModules } from './support/platform-helpers';
import { PlatformTestModule } from './support/platform-test-routes';

describe('Daily token budget in PostgreSQL (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(
      {
        REDIS_URL: undefined,
        REDIS_HOST: undefined,
        USER_DAILY_TOKEN_LIMIT: '1000',
        RATE_LIMIT_READ: '100000/60s',
      },
      withExtraModules([PlatformTestModule]),
    );
  });
  afterAll(() => t.close());

  const spend = (user: string, estimate: number, used?: number) =>
    request(t.url)
      .post(`/test-platform/budget?estimate=${estimate}${used ? `&used=${used}` : ''}`)
      .set('X-User-Id', user);

  it('refuses a call whose estimate would pass the limit with 429 token_budget_exceeded', async () => {
    const user = uniqueUser('budget');
    expect(t.app.get(TokenBudget).constructor.name).toBe('PostgresTokenBudget');
    await spend(user, 100, 950).expect(201);
    await spend(user, 50).expect(201);
    const refused = await spend(user, 51);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      code: 'token_budget_exceeded',
      details: { limit: 1000, used: 950, estimated: 51 },
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86400);
    await spend(uniqueUser('someone-else'), 1000).expect(201);
  });

  it('loses no increment when one user records concurrently', async () => {
    const user = uniqueUser('concurrent');
    const budget = t.app.get(TokenBudget);
    await Promise.all(Array.from({ length: 20 }, () => budget.record(user, 50)));
    await expect(budget.assertWithinBudget(user, 0)).resolves.toBeUndefined();
    await expect(budget.assertWithinBudget(user, 1)).rejects.toMatchObject({
      details: { used: 1000 },
    });
  });

  it('is a no-op without USER_DAILY_TOKEN_LIMIT', async () => {
    const unlimited = await createTestApp({ USER_DAILY_TOKEN_LIMIT: undefined });
    try {
      const budget = unlimited.app.get(TokenBudget);
      await budget.record('anyone', 10_000_000);
      await expect(budget.assertWithinBudget('anyone', 10_000_000)).resolves.toBeUndefined();
    } finally {
      await unlimited.close();
    }
  });
});
