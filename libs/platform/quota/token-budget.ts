import { HttpProblem } from '../http/error-envelope';

/**
 * Per-user daily token budget (USER_DAILY_TOKEN_LIMIT, UTC days), and API keys' own budgets. Chat code calls
 * `assertWithinBudget` with an estimate before the model call and `record` with the real usage
 * after it. Also the DI token.
 */
export abstract class TokenBudget {
  /**
   * Throws HttpProblem 429 `token_budget_exceeded` when used + estimated would pass the limit
   * (`limitOverride`, a user's own limit, else USER_DAILY_TOKEN_LIMIT).
   */
  abstract assertWithinBudget(
    userId: string,
    estimatedTokens: number,
    limitOverride?: number | null,
  ): Promise<void>;
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

/** Whose daily count a counter keeps: a user's, or an API key's (counted apart from its owner's). */
export type CounterOwner = 'user' | 'apiKey';

/**
 * The budget rules over a store of daily counters, shared by the Redis and the database stores:
 * a user's limit (their own, else USER_DAILY_TOKEN_LIMIT) counts only when there is one; an API
 * key's budget always counts.
 */
export abstract class DailyCounterTokenBudget extends TokenBudget {
  constructor(
    private readonly limit: number | undefined,
    private readonly clock: () => Date,
  ) {
    super();
  }

  async assertWithinBudget(
    userId: string,
    estimatedTokens: number,
    limitOverride?: number | null,
  ): Promise<void> {
    const limit = limitOverride ?? this.limit;
    if (limit) await this.check('user', userId, estimatedTokens, limit);
  }

  async record(userId: string, tokens: number): Promise<void> {
    if (this.limit) await this.count('user', userId, tokens);
  }

  async assertKeyWithinBudget(apiKeyId: string, estimated: number, limit: number): Promise<void> {
    await this.check('apiKey', apiKeyId, estimated, limit);
  }

  async recordForKey(apiKeyId: string, tokens: number): Promise<void> {
    await this.count('apiKey', apiKeyId, tokens);
  }

  /** Today's count, or undefined when the store cannot tell (the call then goes through). */
  protected abstract used(
    owner: CounterOwner,
    subject: string,
    day: string,
  ): Promise<number | undefined>;

  /** Adds whole tokens to a day's count; never throws: the answer was already given. */
  protected abstract add(
    owner: CounterOwner,
    subject: string,
    day: string,
    tokens: number,
  ): Promise<void>;

  private async check(
    owner: CounterOwner,
    subject: string,
    estimatedTokens: number,
    limit: number,
  ): Promise<void> {
    const now = this.clock();
    const used = await this.used(owner, subject, utcDay(now));
    if (used !== undefined) checkBudget(used, estimatedTokens, limit, now);
  }

  private async count(owner: CounterOwner, subject: string, tokens: number): Promise<void> {
    if (!(tokens > 0)) return;
    await this.add(owner, subject, utcDay(this.clock()), Math.round(tokens));
  }
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
