import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { checkBudget, TokenBudget, utcDay } from './token-budget';

/** Daily counters in the `user_token_usage` table, for deployments without Redis. */
export class PostgresTokenBudget extends TokenBudget {
  constructor(
    private readonly orm: MikroORM,
    private readonly limit: number,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super();
  }

  async assertWithinBudget(
    userId: string,
    estimatedTokens: number,
    limitOverride?: number | null,
  ): Promise<void> {
    const now = this.clock();
    const rows = await this.connection().execute<{ tokens: string }[]>(
      'select tokens from user_token_usage where owner_id = ? and day = ?',
      [userId, utcDay(now)],
    );
    checkBudget(Number(rows[0]?.tokens ?? 0), estimatedTokens, limitOverride ?? this.limit, now);
  }

  async record(userId: string, tokens: number): Promise<void> {
    if (!(tokens > 0)) return;
    try {
      // One atomic upsert: concurrent turns of one user never lose an increment.
      await this.connection().execute(
        `insert into user_token_usage (owner_id, day, tokens) values (?, ?, ?)
         on conflict (owner_id, day) do update
         set tokens = user_token_usage.tokens + excluded.tokens, updated_at = now()`,
        [userId, utcDay(this.clock()), Math.round(tokens)],
      );
    } catch (error) {
      // The answer was already given; losing one count must not turn it into an error.
      this.logger.warn({ err: String(error), userId, tokens }, 'token usage not recorded');
    }
  }

  private connection() {
    return this.orm.em.getConnection();
  }
}
