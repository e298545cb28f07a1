import { MikroORM } from '@mikro-orm/core';
import {
  DynamicModule,
  Global,
  Inject,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { AuthModule } from './auth/auth.module';
import { describeRedisUrl, PLATFORM_SETTINGS, PlatformSettings } from './config/platform-settings';
import { mapDatabaseUnavailable } from './database/database-unavailable';
import { ErrorEnvelopeFilter } from './http/error-envelope.filter';
import { ErrorMappers } from './http/error-mappers';
import { AccessLogInterceptor } from './logging/access-log.interceptor';
import { AccessLogMiddleware } from './logging/access-log.middleware';
import { createAppLogger } from './logging/pino-logger';
import { ROOT_LOGGER } from './logging/root-logger.token';
import { MetricsController } from './metrics/metrics.controller';
import { Metrics } from './metrics/metrics.service';
import { ApiKeyBudgetInterceptor } from './quota/api-key-budget.interceptor';
import { PostgresTokenBudget } from './quota/postgres.token-budget';
import { RedisTokenBudget } from './quota/redis.token-budget';
import { TokenBudget, UnlimitedTokenBudget } from './quota/token-budget';
import { closeRedisClient, createRedisClient, PLATFORM_REDIS } from './redis/redis.client';
import { ShutdownCoordinator } from './shutdown/shutdown.coordinator';
import { RateLimitModule } from './throttling/rate-limit.module';
import { SocketRateLimiter } from './throttling/socket-rate-limiter';

export interface PlatformOptions {
  /** The root logger main.ts made (stdout + LOG_DIR files); made here when absent (tests). */
  logger?: Logger;
}

/**
 * Cross-cutting services for every module: auth and rate limits (global guards), token budget,
 * access log, metrics, shutdown coordination. Global: inject `Metrics`, `TokenBudget`, `ShutdownCoordinator`
 * anywhere without importing this module.
 */
@Global()
@Module({})
export class PlatformModule implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  static forRoot(options: PlatformOptions = {}): DynamicModule {
    return {
      module: PlatformModule,
      // In this order: the auth guard runs before the rate limit's, which keys on the caller.
      imports: [AuthModule, RateLimitModule],
      controllers: [MetricsController],
      providers: [
        {
          provide: ROOT_LOGGER,
          inject: [PLATFORM_SETTINGS],
          useFactory: (settings: PlatformSettings) =>
            options.logger ?? createAppLogger(settings.log),
        },
        Metrics,
        {
          provide: PLATFORM_REDIS,
          inject: [PLATFORM_SETTINGS, ROOT_LOGGER],
          useFactory: (settings: PlatformSettings, logger: Logger) =>
            settings.redisUrl
              ? createRedisClient(
                  settings.redisUrl,
                  (error) => logger.debug({ err: error.message }, 'redis connection error'),
                  settings.redisKeyPrefix,
                )
              : null,
        },
        {
          provide: TokenBudget,
          inject: [
            PLATFORM_SETTINGS,
            PLATFORM_REDIS,
            ROOT_LOGGER,
            { token: MikroORM, optional: true },
          ],
          useFactory: (
            settings: PlatformSettings,
            redis: Redis | null,
            logger: Logger,
            orm?: MikroORM,
          ): TokenBudget => {
            // A store even without USER_DAILY_TOKEN_LIMIT: API keys may have budgets of their own.
            const limit = settings.dailyTokenLimit;
            if (redis) return new RedisTokenBudget(redis, limit, logger);
            if (orm) return new PostgresTokenBudget(orm, limit, logger);
            if (!limit) return new UnlimitedTokenBudget();
            throw new Error('USER_DAILY_TOKEN_LIMIT needs Redis (REDIS_URL) or the database');
          },
        },
        AccessLogMiddleware,
        { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ApiKeyBudgetInterceptor },
        ErrorMappers,
        { provide: APP_FILTER, useClass: ErrorEnvelopeFilter },
        ShutdownCoordinator,
        SocketRateLimiter,
      ],
      exports: [
        AuthModule,
        SocketRateLimiter,
        ROOT_LOGGER,
        PLATFORM_REDIS,
        Metrics,
        TokenBudget,
        ShutdownCoordinator,
        AccessLogMiddleware,
        ErrorMappers,
      ],
    };
  }

  constructor(
    @Inject(PLATFORM_SETTINGS) private readonly settings: PlatformSettings,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    @Inject(PLATFORM_REDIS) private readonly redis: Redis | null,
    private readonly tokenBudget: TokenBudget,
    private readonly errorMappers: ErrorMappers,
  ) {}

  onModuleInit(): void {
    // Any route may meet the database down: a 503 the client can retry, not a 500.
    this.errorMappers.register(mapDatabaseUnavailable);
  }

  onApplicationBootstrap(): void {
    this.logger.info(this.describe(), 'platform ready');
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedisClient(this.redis ?? undefined);
  }

  /** The start-up facts an operator looks for first. */
  private describe(): Record<string, unknown> {
    const { authMode, jwt, rateLimits, redisUrl, log } = this.settings;
    const rate = (r: { limit: number; ttlMs: number }) => `${r.limit}/${r.ttlMs / 1000}s`;
    return {
      auth:
        authMode === 'jwt'
          ? `jwt (${[jwt.secret && 'JWT_SECRET', jwt.jwksUrl && `JWKS ${jwt.jwksUrl}`].filter(Boolean).join(' + ')}) or API keys`
          : authMode === 'api-key'
            ? 'api-key (API keys only)'
            : 'none (X-User-Id, else anonymous)',
      bootstrapAdminKey: this.settings.admin.apiKey ? 'set' : 'off',
      rateLimitStore: redisUrl ? `redis at ${describeRedisUrl(redisUrl)}` : 'memory (per process)',
      rateLimits: { chat: rate(rateLimits.chat), read: rate(rateLimits.read) },
      tokenBudget: this.settings.dailyTokenLimit
        ? `${this.settings.dailyTokenLimit}/day in ${this.tokenBudget.constructor.name}`
        : 'off',
      metrics: this.settings.metricsEnabled ? '/metrics' : 'off',
      logFiles: log.dir ? `${log.dir} (daily, ${log.retentionDays} days)` : 'off',
      logContent: log.content,
    };
  }
}
