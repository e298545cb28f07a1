import { HttpProblem } from '../http/error-envelope';

/** 00:00 UTC on the first day of `now`'s month. */
export function utcMonthStart(now: Date = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** Whole seconds until the next UTC month begins (at least 1), when a monthly budget resets. */
export function secondsUntilNextUtcMonth(now: Date = new Date()): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

/**
 * The monthly cost rule (USER_MONTHLY_COST_LIMIT_USD): once what the user spent this UTC month
 * reaches the limit, no new answer starts until the month turns. Throws 429 cost_budget_exceeded.
 */
export function checkCostBudget(spentUsd: number, limitUsd: number, now: Date = new Date()): void {
  if (spentUsd < limitUsd) return;
  const retryAfter = secondsUntilNextUtcMonth(now);
  throw new HttpProblem(
    429,
    'cost_budget_exceeded',
    `Monthly cost budget used up (${spentUsd.toFixed(4)} of ${limitUsd} USD this month); it resets on the 1st at 00:00 UTC`,
    {
      limitUsd,
      spentUsd,
      resetsAt: new Date(now.getTime() + retryAfter * 1000).toISOString(),
      resetsInSeconds: retryAfter,
    },
    { 'Retry-After': String(retryAfter) },
  );
}
