import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { checkBudget, TokenBudget, utcDay } from './token-budget';

/** Keys live two days so a day's count outlives its day in every time zone, then expire. */
const KEY_TTL_S = 2 * 24 * 3600;

/**
 * Daily counters in Redis (`tokens:<day>:<user>`, `tokens:apikey:<day>:<key id>`), shared by all
 * replicas. A Redis failure lets the call through (the budget is a cost guard, not a security
 * boundary), logged once per outage. Without USER_DAILY_TOKEN_LIMIT only keys' budgets count.
 */
export class RedisTokenBudget extends TokenBudget {
  private outage = false;

  constructor(
    private readonly redis: Redis,
    private readonly limit: number | undefined,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super();
  }

  async assertWithinBudget(userId: string, estimatedTokens: number): Promise<void> {
    if (!this.limit) return;
    await this.check((day) => `tokens:${day}:${userId}`, estimatedTokens, this.limit);
  }

  async record(userId: string, tokens: number): Promise<void> {
    if (!this.limit) return;
    await this.add(`tokens:${utcDay(this.clock())}:${userId}`, tokens);
  }

  async assertKeyWithinBudget(apiKeyId: string, estimated: number, limit: number): Promise<void> {
    await this.check((day) => `tokens:apikey:${day}:${apiKeyId}`, estimated, limit);
  }

  async recordForKey(apiKeyId: string, tokens: number): Promise<void> {
    await this.add(`tokens:apikey:${utcDay(this.clock())}:${apiKeyId}`, tokens);
  }

  private async check(
    keyOf: (day: string) => string,
    estimatedTokens: number,
    limit: number,
  ): Promise<void> {
    const now = this.clock();
    let used: number;
    try {
      used = Number((await this.redis.get(keyOf(utcDay(now)))) ?? 0);
      this.outage = false;
    } catch (error) {
      return this.failed(error);
    }
    checkBudget(used, estimatedTokens, limit, now);
  }

  private async add(key: string, tokens: number): Promise<void> {
    if (!(tokens > 0)) return;
    try {
      // exec() reports a command's failure in its result, not by throwing.
      const results = await this.redis
        .multi()
        .incrby(key, Math.round(tokens))
        .expire(key, KEY_TTL_S)
        .exec();
      const failure = results?.find(([error]) => error)?.[0];
      if (failure) throw failure;
      this.outage = false;
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    if (this.outage) return;
    this.outage = true;
    this.logger.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'token budget store unavailable: budgets are not enforced until it returns',
    );
  }
}
