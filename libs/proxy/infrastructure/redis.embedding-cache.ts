import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { EmbeddingCache } from '../application/embedding-cache';

const isVector = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((n) => typeof n === 'number');

/**
 * The cache shared by every replica (REDIS_URL): one JSON array per key, with a TTL. Redis
 * being down turns lookups into misses and skips the writes; the request still succeeds.
 */
export class RedisEmbeddingCache extends EmbeddingCache {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
    private readonly logger?: Pick<Logger, 'warn'>,
  ) {
    super();
  }

  async getMany(keys: string[]): Promise<(number[] | undefined)[]> {
    if (keys.length === 0) return [];
    try {
      const values = await this.redis.mget(...keys);
      return values.map((value) => {
        if (value === null) return undefined;
        try {
          const parsed = JSON.parse(value) as unknown;
          return isVector(parsed) ? parsed : undefined;
        } catch {
          return undefined;
        }
      });
    } catch (error) {
      this.logger?.warn({ err: (error as Error).message }, 'embedding cache read failed (Redis)');
      return keys.map(() => undefined);
    }
  }

  async setMany(entries: [string, number[]][]): Promise<void> {
    if (entries.length === 0) return;
    try {
      const pipeline = this.redis.pipeline();
      for (const [key, vector] of entries) {
        pipeline.set(key, JSON.stringify(vector), 'EX', this.ttlSeconds);
      }
      await pipeline.exec();
    } catch (error) {
      this.logger?.warn({ err: (error as Error).message }, 'embedding cache write failed (Redis)');
    }
  }
}
