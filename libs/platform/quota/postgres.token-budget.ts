import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { checkBudget, TokenBudget, utcDay } from './token-budget';

/** A counter table: users' (`user_token_usage`) or API keys' (`api_key_token_usage`). */
interface Counters {
  table: string;
  column: string;
}
const USERS: Counters = { table: 'user_token_usage', column: 'owner_id' };
const API_KEYS: Counters = { table: 'api_key_token_usage', column: 'api_key_id' };

/**
 * Daily counters in the database, for deployments without Redis. Without USER_DAILY_TOKEN_LIMIT
 * only keys' budgets count.
 */
export class PostgresTokenBudget extends TokenBudget {
  constructor(
    private readonly orm: MikroORM,
    private readonly limit: number | undefined,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super();
  }

  async assertWithinBudget(userId: string, estimatedTokens: number): Promise<void> {
    if (this.limit) await this.check(USERS, userId, estimatedTokens, this.limit);
  }

  async record(userId: string, tokens: number): Promise<void> {
    if (this.limit) await this.add(USERS, userId, tokens);
  }

  async assertKeyWithinBudget(apiKeyId: string, estimated: number, limit: number): Promise<void> {
    await this.check(API_KEYS, apiKeyId, estimated, limit);
  }

  async recordForKey(apiKeyId: string, tokens: number): Promise<void> {
    await this.add(API_KEYS, apiKeyId, tokens);
  }

  private async check(
    counters: Counters,
    subject: string,
    estimatedTokens: number,
    limit: number,
  ): Promise<void> {
    const now = this.clock();
    const rows = await this.connection().execute<{ tokens: string }[]>(
      `select tokens from ${counters.table} where ${counters.column} = ? and day = ?`,
      [subject, utcDay(now)],
    );
    checkBudget(Number(rows[0]?.tokens ?? 0), estimatedTokens, limit, now);
  }

  private async add(counters: Counters, subject: string, tokens: number): Promise<void> {
    if (!(tokens > 0)) return;
    const { table, column } = counters;
    try {
      // One atomic upsert: concurrent turns of one user never lose an increment.
      await this.connection().execute(
        `insert into ${table} (${column}, day, tokens) values (?, ?, ?)
         on conflict (${column}, day) do update
         set tokens = ${table}.tokens + excluded.tokens, updated_at = now()`,
        [subject, utcDay(this.clock()), Math.round(tokens)],
      );
    } catch (error) {
      // The answer was already given; losing one count must not turn it into an error.
      this.logger.warn({ err: String(error), subject, tokens }, 'token usage not recorded');
    }
  }

  private connection() {
    return this.orm.em.getConnection();
  }
}
