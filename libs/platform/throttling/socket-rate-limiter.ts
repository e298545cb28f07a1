import { Inject, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, normalizeIp, ThrottlerStorage } from '@nestjs/throttler';
import { PLATFORM_SETTINGS, PlatformSettings } from '../config/platform-settings';
import type { AuthenticatedUser } from '../http/request-context';
import { Metrics } from '../metrics/metrics.service';
import { CHAT_LIMIT, READ_LIMIT } from './rate-limit.decorators';

export interface SocketLimitVerdict {
  allowed: boolean;
  /** Seconds until the caller may try again (when not allowed). */
  retryAfter: number;
  limit: number;
  windowSeconds: number;
}

/**
 * The HTTP limits for WebSocket frames: the same named limits (RATE_LIMIT_CHAT for frames that call
 * the model, RATE_LIMIT_READ for the others), the same storage (Redis when shared) and the same
 * keys as RateLimitGuard, so a caller's HTTP requests and frames count together.
 */
@Injectable()
export class SocketRateLimiter {
  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @Inject(PLATFORM_SETTINGS) private readonly settings: PlatformSettings,
    private readonly metrics: Metrics,
  ) {}

  async consume(
    limitName: typeof CHAT_LIMIT | typeof READ_LIMIT,
    user: AuthenticatedUser | undefined,
    remoteAddress: string | undefined,
  ): Promise<SocketLimitVerdict> {
    const { limit, ttlMs } = this.settings.rateLimits[limitName];
    const key = `ratelimit:${limitName}:${this.tracker(user, remoteAddress)}`;
    const record = await this.storage.increment(key, ttlMs, limit, ttlMs, limitName);
    const windowSeconds = Math.round(ttlMs / 1000);
    if (!record.isBlocked) return { allowed: true, retryAfter: 0, limit, windowSeconds };
    this.metrics.requestThrottled(limitName);
    return {
      allowed: false,
      retryAfter: Math.max(1, record.timeToBlockExpire),
      limit,
      windowSeconds,
    };
  }

  /** As RateLimitGuard: the user, else (anonymous in AUTH_MODE=none) the client address. */
  private tracker(user: AuthenticatedUser | undefined, remoteAddress: string | undefined): string {
    const id = user?.id;
    if (id && !(this.settings.authMode === 'none' && id === 'anonymous')) return `user:${id}`;
    return `ip:${normalizeIp(remoteAddress ?? 'unknown')}`;
  }
}
