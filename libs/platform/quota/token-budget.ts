import { HttpProblem } from '../http/error-envelope';

/**
 * Per-user daily token budget (USER_DAILY_TOKEN_LIMIT, UTC days), and API keys' own budgets. Chat code calls
 * `assertWithinBudget` with an estimate before the model call and `record` with the real usage
 * after it. Also the DI token.
 */
export abstract class TokenBudget {
  /** Throws HttpProblem 429 `token_budget_exceeded` when used + estimated would pass the limit. */
  abstract assertWithinBudget(userId: string, estimatedTokens: number): Promise<void>;
  /** Adds tokens really used (input + output) to today's count. */
  abstract record(userId: string, tokens: number): Promise<void>;
  /** An API key's own daily budget (`limit`), counted apart from its owner's; same 429. */
  abstract assertKeyWithinBudget(
    apiKeyId: string,
    estimatedTokens: number,
    limit: number,
  ): Promise<void>;
  /** Adds tokens used with an API key to the key's count of today. */
  abstract recordForKey(apiKeyId: string, tokens: number): Promise<void>;
}

/** No store for counters (neither Redis nor the database): no budget. */
export class UnlimitedTokenBudget extends TokenBudget {
  async assertWithinBudget(): Promise<void> {}
  async record(): Promise<void> {}
  async assertKeyWithinBudget(): Promise<void> {}
  async recordForKey(): Promise<void> {}
}

/** `2026-11-25` for the UTC day of `now`. */
export function utcDay(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whole seconds until the next UTC midnight (at least 1), when a budget resets. */
export function secondsUntilUtcMidnight(now: Date = new Date()): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((midnight - now.getTime()) / 1000));
}

/** The shared rule of both stores: refuse when the estimate would take the day past the limit. */
export function checkBudget(
  used: number,
  estimatedTokens: number,
  limit: number,
  now: Date = new Date(),
): void {
  if (used + Math.max(0, estimatedTokens) <= limit) return;
  const retryAfter = secondsUntilUtcMidnight(now);
  throw new HttpProblem(
    429,
    'token_budget_exceeded',
    `Daily token budget used up (${used} of ${limit} tokens today); it resets at 00:00 UTC`,
    { limit, used, estimated: estimatedTokens, resetsInSeconds: retryAfter },
    { 'Retry-After': String(retryAfter) },
  );
}
