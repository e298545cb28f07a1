import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { LlmClient } from '@app/llm';
import { USER_ACTIVITY_CLOCK, UserDirectory } from '@app/platform';
import { hs256Token, HS_SECRET } from './support/platform-helpers';
import { sqlOf } from './support/sql';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

const DEFAULT_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const SECOND_MODEL = 'test.priced-model-b';
const UNPRICED_MODEL = 'test.unpriced-model';
/** The prices this test writes (USD per 1,000 tokens); large, so costs are far from rounding. */
const PRICES = {
  [DEFAULT_MODEL]: { inputPer1k: 0.5, outputPer1k: 1.5 },
  [SECOND_MODEL]: { inputPer1k: 2, outputPer1k: 7 },
};

function writePrices(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'prices-')), 'prices.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

interface Usage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
}

const expectedCost = (model: string, usage: Usage): number => {
  const price = (PRICES as Record<string, { inputPer1k: number; outputPer1k: number }>)[model];
  return price
    ? (usage.inputTokens * price.inputPer1k + usage.outputTokens * price.outputPer1k) / 1000
    : 0;
};

/** Real time plus an offset the test moves. */
const activityClock = { offsetMs: 0, now: () => new Date(Date.now() + activityClock.offsetMs) };

describe('Cost per answer, usage, monthly budget, users (e2e)', () => {
  let t: TestApp;
  const pricesFile = writePrices(PRICES);
  beforeAll(async () => {
    t = await createTestApp(
      {
        AUTH_MODE: 'jwt',
        JWT_SECRET: HS_SECRET,
        MOCK_TOKEN_DELAY_MS: '0',
        MODEL_PRICES_FILE: pricesFile,
        LLM_MODELS: `${SECOND_MODEL},${UNPRICED_MODEL}`,
        RATE_LIMIT_CHAT: '1000/60s',
        RATE_LIMIT_READ: '1000/60s',
      },
      (builder) => builder.overrideProvider(USER_ACTIVITY_CLOCK).useValue(activityClock.now),
    );
  });
  afterAll(() => t.close());

  const as = async (user: string, claims: Record<string, unknown> = {}) => {
    const auth = `Bearer ${await hs256Token({ sub: user, ...claims })}`;
    return {
      post: (path: string, body: object = {}) =>
        request(t.url).post(path).set('Authorization', auth).send(body),
      get: (path: string) => request(t.url).get(path).set('Authorization', auth),
    };
  };

  it('stores each answer with its cost and reports cost per day and model, and totals', async () => {
    const u = await as(uniqueUser('cost'));
    const { body: c } = await u.post('/api/v1/conversations', {}).expect(201);
    const sent: { model: string; usage: Usage }[] = [];
    for (const [content, model] of [
      ['How do I price tokens?', undefined],
      ['And a second, somewhat longer question about prices?', undefined],
      ['A question for the second model', SECOND_MODEL],
      ['A question for a model without a price', UNPRICED_MODEL],
    ] as const) {
      const { body } = await u
        .post(`/api/v1/conversations/${c.id}/messages`, { content, ...(model ? { model } : {}) })
        .expect(201);
      const answer = body.assistantMessage;
      expect(answer.usage.inputTokens).toBeGreaterThan(0);
      expect(answer.usage.outputTokens).toBeGreaterThan(0);
      if (answer.model === UNPRICED_MODEL) expect(answer.usage.costUsd).toBeNull();
      else expect(answer.usage.costUsd).toBeCloseTo(expectedCost(answer.model, answer.usage), 9);
      sent.push({ model: answer.model, usage: answer.usage });
    }

    const { body: report } = await u.get('/api/v1/usage').expect(200);
    const today = new Date().toISOString().slice(0, 10);
    const byModel = (model: string) => sent.filter((s) => s.model === model);
    const sum = (items: { usage: Usage }[], key: 'inputTokens' | 'outputTokens') =>
      items.reduce((total, s) => total + s.usage[key], 0);
    const rowCost = (model: string) =>
      byModel(model).reduce((total, s) => total + expectedCost(model, s.usage), 0);
    expect(report.byDay).toHaveLength(3);
    for (const model of [DEFAULT_MODEL, SECOND_MODEL, UNPRICED_MODEL]) {
      const row = report.byDay.find((r: { model: string }) => r.model === model);
      expect(row).toMatchObject({
        day: today,
        answers: byModel(model).length,
        inputTokens: sum(byModel(model), 'inputTokens'),
        outputTokens: sum(byModel(model), 'outputTokens'),
      });
      expect(row.costUsd).toBeCloseTo(rowCost(model), 9);
    }
    expect(report.totals).toMatchObject({
      answers: 4,
      inputTokens: sum(sent, 'inputTokens'),
      outputTokens: sum(sent, 'outputTokens'),
    });
    expect(report.totals.costUsd).toBeCloseTo(rowCost(DEFAULT_MODEL) + rowCost(SECOND_MODEL), 9);
    expect(report.totals.costUsd).toBeGreaterThan(0);

    // /me: the same month's usage beside the profile.
    const { body: me } = await u.get('/api/v1/me').expect(200);
    expect(me.usage).toMatchObject({
      month: today.slice(0, 7),
      answers: 4,
      inputTokens: sum(sent, 'inputTokens'),
      outputTokens: sum(sent, 'outputTokens'),
    });
    expect(me.usage.costUsd).toBeCloseTo(report.totals.costUsd, 9);
  });

  it('/api/v1/me shows the profile from the token claims, role and limits', async () => {
    const id = uniqueUser('me');
    const u = await as(id, { name: 'Ada Lovelace', email: 'ada@example.com' });
    const { body } = await u.get('/api/v1/me').expect(200);
    expect(body).toEqual({
      id,
      displayName: 'Ada Lovelace',
      email: 'ada@example.com',
      role: 'user',
      firstSeenAt: expect.any(String),
      lastSeenAt: expect.any(String),
      limits: { dailyTokenLimit: null, monthlyCostLimitUsd: null },
      effectiveLimits: { dailyTokenLimit: null, monthlyCostLimitUsd: null },
      usage: {
        month: new Date().toISOString().slice(0, 7),
        from: expect.stringMatching(/-01T00:00:00\.000Z$/),
        answers: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
      },
    });
    await request(t.url).get('/api/v1/me').expect(401);
  });

  it('/api/v1/admin/users is 200 for an admin and 403 for anyone else', async () => {
    const someone = uniqueUser('listed');
    await (await as(someone, { email: 'listed@example.com' })).get('/api/v1/me').expect(200);
    // The admin role comes from the token's `roles` claim (AUTH_ADMIN_CLAIM).
    const admin = await as(uniqueUser('admin'), { roles: ['admin'] });
    const { body } = await admin.get('/api/v1/admin/users?limit=200').expect(200);
    expect(body.total).toBeGreaterThanOrEqual(2);
    expect(body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: someone, email: 'listed@example.com', role: 'user' }),
      ]),
    );
    const refused = await (await as(someone)).get('/api/v1/admin/users').expect(403);
    expect(refused.body.error.code).toBe('forbidden');
    await admin.get('/api/v1/admin/users?limit=0').expect(400);
    await request(t.url).get('/api/v1/admin/users').expect(401);
  });

  it('upserts a users row at most once a minute however many requests come', async () => {
    const id = uniqueUser('seen');
    const u = await as(id, { name: 'Seen Often' });
    const directory = t.app.get(UserDirectory);
    const upsert = jest.spyOn(directory, 'upsertMany');
    try {
      await Promise.all(Array.from({ length: 20 }, () => u.get('/api/v1/conversations')));
      activityClock.offsetMs = 30_000;
      for (let i = 0; i < 5; i++) await u.get('/api/v1/conversations').expect(200);
      const calls = () =>
        upsert.mock.calls.flatMap(([batch]) => batch).filter(({ user }) => user.id === id).length;
      const sql = sqlOf(t);
      const rows = () =>
        sql.query<{ first_seen_at: string; last_seen_at: string; display_name: string }>(
          'select first_seen_at, last_seen_at, display_name from users where id = ?',
          [id],
        );
      // Written off the request path, by the next flush of the users due.
      await waitFor(async () => (await rows()).length === 1);
      expect(calls()).toBe(1);
      const [first] = await rows();
      expect(first.display_name).toBe('Seen Often');
      expect(ms(first.last_seen_at)).toBe(ms(first.first_seen_at));

      // A minute later, from a token without the name claim: the stored name stays.
      activityClock.offsetMs = 61_000;
      await (await as(id)).get('/api/v1/conversations').expect(200);
      await waitFor(async () => ms((await rows())[0].last_seen_at) > ms(first.last_seen_at));
      expect(calls()).toBe(2);
      const [later] = await rows();
      expect(ms(later.first_seen_at)).toBe(ms(first.first_seen_at));
      expect(later.display_name).toBe('Seen Often');
    } finally {
      upsert.mockRestore();
      activityClock.offsetMs = 0;
    }
  });

  it('writes the users still waiting for their write when the app shuts down', async () => {
    const short = await createTestApp({ AUTH_MODE: 'none' });
    const id = uniqueUser('at-shutdown');
    try {
      await request(short.url).get('/api/v1/conversations').set('X-User-Id', id).expect(200);
    } finally {
      await short.close();
    }
    const rows = await sqlOf(t).query<{ id: string }>('select id from users where id = ?', [id]);
    expect(rows).toEqual([{ id }]);
  });

  describe('with USER_MONTHLY_COST_LIMIT_USD', () => {
    let limited: TestApp;
    beforeAll(async () => {
      limited = await createTestApp({
        MOCK_TOKEN_DELAY_MS: '0',
        MODEL_PRICES_FILE: pricesFile,
        USER_MONTHLY_COST_LIMIT_USD: '0.0001',
      });
    });
    afterAll(() => limited.close());

    it('refuses a send once the month is spent with 429 cost_budget_exceeded and Retry-After, before the model', async () => {
      const user = uniqueUser('budget');
      const send = (content: string) =>
        request(limited.url)
          .post('/api/v1/conversations/budget-chat/messages')
          .set('X-User-Id', user)
          .send({ content });
      await request(limited.url)
        .post('/api/v1/conversations')
        .set('X-User-Id', user)
        .send({ id: 'budget-chat' })
        .expect(201);
      const first = await send('This one is within the budget').expect(201);
      const spent = expectedCost(DEFAULT_MODEL, first.body.assistantMessage.usage);
      expect(spent).toBeGreaterThanOrEqual(0.0001);

      const llm = limited.app.get(LlmClient);
      const stream = jest.spyOn(llm, 'stream');
      const generate = jest.spyOn(llm, 'generate');
      try {
        const refused = await send('This one is over it');
        expect(refused.status).toBe(429);
        expect(refused.body.error).toMatchObject({
          code: 'cost_budget_exceeded',
          details: { limitUsd: 0.0001 },
        });
        expect(refused.body.error.details.spentUsd).toBeCloseTo(spent, 9);
        const now = new Date();
        const nextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
        const retryAfter = Number(refused.headers['retry-after']);
        expect(Math.abs(retryAfter - (nextMonth - now.getTime()) / 1000)).toBeLessThan(30);
        expect(stream).not.toHaveBeenCalled();
        expect(generate).not.toHaveBeenCalled();
        // The seed's route is refused the same way.
        const seed = await request(limited.url)
          .post('/api/v1/chats')
          .set('X-User-Id', user)
          .send({ message: 'still over' });
        expect(seed.status).toBe(429);
        expect(seed.body.error.code).toBe('cost_budget_exceeded');
        expect(stream).not.toHaveBeenCalled();
      } finally {
        stream.mockRestore();
        generate.mockRestore();
      }
      // Only the question that was answered is stored.
      const { body: messages } = await request(limited.url)
        .get('/api/v1/conversations/budget-chat/messages')
        .set('X-User-Id', user)
        .expect(200);
      expect(messages).toHaveLength(2);

      // Another user still has their budget.
      await request(limited.url)
        .post('/api/v1/chats')
        .set('X-User-Id', uniqueUser('other'))
        .send({ message: 'fine' })
        .expect(200);
    });

    it("a user's own limit in the users table overrides the default", async () => {
      const user = uniqueUser('generous');
      await request(limited.url).get('/api/v1/me').set('X-User-Id', user).expect(200);
      await sqlOf(limited).query('update users set monthly_cost_limit_usd = 1000 where id = ?', [
        user,
      ]);
      for (let i = 0; i < 2; i++)
        await request(limited.url)
          .post('/api/v1/chats')
          .set('X-User-Id', user)
          .send({ message: `question ${i}` })
          .expect(200);
      const { body } = await request(limited.url)
        .get('/api/v1/me')
        .set('X-User-Id', user)
        .expect(200);
      expect(body.limits.monthlyCostLimitUsd).toBe(1000);
      expect(body.effectiveLimits.monthlyCostLimitUsd).toBe(1000);
    });
  });

  it('stops start-up with a clear message for a bad price file', async () => {
    const bad = writePrices({ 'some.model': { inputPer1k: -1, outputPer1k: 'x' } });
    await expect(createTestApp({ MODEL_PRICES_FILE: bad })).rejects.toThrow(
      /MODEL_PRICES_FILE=.*some\.model.*inputPer1k/s,
    );
    await expect(createTestApp({ MODEL_PRICES_FILE: '/nonexistent/prices.json' })).rejects.toThrow(
      /MODEL_PRICES_FILE=\/nonexistent\/prices\.json: cannot be read/,
    );
  });
});

const ms = (value: string | Date): number => new Date(value).getTime();

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}
