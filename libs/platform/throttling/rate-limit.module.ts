import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { PLATFORM_SETTINGS, PlatformSettings } from '../config/platform-settings';
import { ROOT_LOGGER } from '../logging/root-logger.token';
import { Metrics } from '../metrics/metrics.service';
import { PLATFORM_REDIS } from '../redis/redis.client';
import { FailOpenThrottlerStorage } from './fail-open.storage';
import { rateLimitOptions, RateLimitGuard } from './rate-limit.guard';

/**
 * The `chat` and `read` limits as a global guard, counted in Redis when REDIS_URL is set (shared
 * by all replicas, failing open) or in the process. Imported after the AuthModule, so its guard
 * runs after the caller is known.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [PLATFORM_SETTINGS, PLATFORM_REDIS, ROOT_LOGGER, Metrics],
      useFactory: (
        settings: PlatformSettings,
        redis: Redis | null,
        logger: Logger,
        metrics: Metrics,
      ) => {
        const storage: ThrottlerStorage = redis
          ? new FailOpenThrottlerStorage(new ThrottlerStorageRedisService(redis), logger, metrics)
          : new ThrottlerStorageService();
        return rateLimitOptions(settings, storage);
      },
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
