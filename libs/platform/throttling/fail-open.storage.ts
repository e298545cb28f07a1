import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/metrics.service';

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Wraps the shared (Redis) store so that its failure never fails a request: the request is let
 * through (fail open), counted in `rate_limit_store_failures_total`, and a warning is logged
 * once per outage; the first success after an outage logs the recovery.
 */
export class FailOpenThrottlerStorage implements ThrottlerStorage {
  private outage = false;

  constructor(
    private readonly inner: ThrottlerStorage,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  get degraded(): boolean {
    return this.outage;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<StorageRecord> {
    try {
      const record = await this.inner.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.outage) {
        this.outage = false;
        this.logger.info('rate-limit store is back: limits apply again');
      }
      return record;
    } catch (error) {
      this.metrics.rateLimitStoreFailed();
      if (!this.outage) {
        this.outage = true;
        this.logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'rate-limit store unavailable: requests are let through until it returns',
        );
      }
      const seconds = Math.ceil(ttl / 1000);
      return { totalHits: 0, timeToExpire: seconds, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
