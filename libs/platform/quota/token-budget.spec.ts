import { HttpProblem } from '../http/error-envelope';
import { checkBudget, secondsUntilUtcMidnight, utcDay } from './token-budget';

describe('token budget rules', () => {
  const now = new Date('2026-11-25T23:59:00.000Z');

  it('uses UTC days and counts the seconds to the next UTC midnight', () => {
    expect(utcDay(now)).toBe('2026-11-25');
    expect(secondsUntilUtcMidnight(now)).toBe(60);
    expect(secondsUntilUtcMidnight(new Date('2026-11-25T00:00:00.000Z'))).toBe(86400);
  });

  it('allows up to the limit and refuses beyond it with 429 token_budget_exceeded', () => {
    expect(() => checkBudget(900, 100, 1000, now)).not.toThrow();
    let problem: unknown;
    try {
      checkBudget(900, 101, 1000, now);
    } catch (error) {
      problem = error;
    }
    expect(problem).toBeInstanceOf(HttpProblem);
    expect(problem).toMatchObject({
      status: 429,
      code: 'token_budget_exceeded',
      headers: { 'Retry-After': '60' },
      details: { limit: 1000, used: 900, estimated: 101, resetsInSeconds: 60 },
    });
  });
});
