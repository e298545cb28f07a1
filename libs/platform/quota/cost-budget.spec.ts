import { HttpProblem } from '../http/error-envelope';
import { checkCostBudget, secondsUntilNextUtcMonth, utcMonthStart } from './cost-budget';

describe('monthly cost budget rules', () => {
  const now = new Date('2026-12-31T23:59:00.000Z');

  it('uses UTC months and counts the seconds to the next one', () => {
    expect(utcMonthStart(now)).toEqual(new Date('2026-12-01T00:00:00.000Z'));
    expect(secondsUntilNextUtcMonth(now)).toBe(60);
    expect(secondsUntilNextUtcMonth(new Date('2026-02-01T00:00:00.000Z'))).toBe(28 * 86400);
  });

  it('allows below the limit and refuses once spent reaches it', () => {
    expect(() => checkCostBudget(0.99, 1, now)).not.toThrow();
    let problem: unknown;
    try {
      checkCostBudget(1, 1, now);
    } catch (error) {
      problem = error;
    }
    expect(problem).toBeInstanceOf(HttpProblem);
    expect(problem).toMatchObject({
      status: 429,
      code: 'cost_budget_exceeded',
      headers: { 'Retry-After': '60' },
      details: { limitUsd: 1, spentUsd: 1, resetsAt: '2027-01-01T00:00:00.000Z' },
    });
  });
});
