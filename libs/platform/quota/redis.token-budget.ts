import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { CounterOwner, DailyCounterTokenBudget } from './token-budget';

/** Keys live two days so a day's count outlives its day in every time zone, then expire. */
const KEY_TTL_S = 2 * 24 * 3600;

const KEY_PREFIX: Record<CounterOwner, string> = { user: 'tokens', apiKey: 'tokens:apikey' };
const keyOf = (owner: CounterOwner, day: string, subject: string) =>
  `${KEY_PREFIX[owner]}:${day}:${subject}`;

/**
 * Daily counters in Redis (`tokens:<day>:<user>`, `tokens:apikey:<day>:<key id>`), shared by all
 * replicas. A Redis failure lets the call through (the budget is a cost guard, not a security
 * boundary), logged once per outage. Without USER_DAILY_TOKEN_LIMIT only keys' budgets count.
 */
export class RedisTokenBudget extends DailyCounterTokenBudget {
  private outage = false;

  constructor(
    private readonly redis: Redis,
    limit: number | undefined,
    private readonly logger: Logger,
    clock: () => Date = () => new Date(),
  ) {
    super(limit, clock);
  }

  protected async used(
    owner: CounterOwner,
    subject: string,
    day: string,
  ): Promise<number | undefined> {
    try {
      const used = Number((await this.redis.get(keyOf(owner, day, subject))) ?? 0);
      this.outage = false;
      return used;
    } catch (error) {
      this.failed(error);
      return undefined;
    }
  }

  protected async add(
    owner: CounterOwner,
    subject: string,
    day: string,
    tokens: number,
  ): Promise<void> {
    const key = keyOf(owner, day, subject);
    try {
      // exec() reports a command's failure in its result, not by throwing.
      const results = await this.redis.multi().incrby(key, tokens).expire(key, KEY_TTL_S).exec();
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
