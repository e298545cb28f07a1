import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { CounterOwner, DailyCounterTokenBudget } from './token-budget';

/** A counter table: users' (`user_token_usage`) or API keys' (`api_key_token_usage`). */
const COUNTERS: Record<CounterOwner, { table: string; column: string }> = {
  user: { table: 'user_token_usage', column: 'owner_id' },
  apiKey: { table: 'api_key_token_usage', column: 'api_key_id' },
};

/**
 * Daily counters in the database, for deployments without Redis. Without USER_DAILY_TOKEN_LIMIT
 * only keys' budgets count.
 */
export class PostgresTokenBudget extends DailyCounterTokenBudget {
  constructor(
    private readonly orm: MikroORM,
    limit: number | undefined,
    private readonly logger: Logger,
    clock: () => Date = () => new Date(),
  ) {
    super(limit, clock);
  }

  protected async used(owner: CounterOwner, subject: string, day: string): Promise<number> {
    const { table, column } = COUNTERS[owner];
    const rows = await this.connection().execute<{ tokens: string }[]>(
      `select tokens from ${table} where ${column} = ? and day = ?`,
      [subject, day],
    );
    return Number(rows[0]?.tokens ?? 0);
  }

  protected async add(
    owner: CounterOwner,
    subject: string,
    day: string,
    tokens: number,
  ): Promise<void> {
    const { table, column } = COUNTERS[owner];
    try {
      // One atomic upsert: concurrent turns of one user never lose an increment.
      await this.connection().execute(
        `insert into ${table} (${column}, day, tokens) values (?, ?, ?)
         on conflict (${column}, day) do update
         set tokens = ${table}.tokens + excluded.tokens, updated_at = now()`,
        [subject, day, tokens],
      );
    } catch (error) {
      this.logger.warn({ err: String(error), subject, tokens }, 'token usage not recorded');
    }
  }

  private connection() {
    return this.orm.em.getConnection();
  }
}
