import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  normalizeIp,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerRequest,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type { Response } from 'express';
import { PLATFORM_SETTINGS, PlatformSettings } from '../config/platform-settings';
import { HttpProblem } from '../http/error-envelope';
import type { RequestWithContext } from '../http/request-context';
import { Metrics } from '../metrics/metrics.service';
import { CHAT_LIMIT, CHAT_RATE_LIMIT, READ_LIMIT } from './rate-limit.decorators';

/** True for a route marked `@ChatRateLimit()` (one that calls the model). */
export const isChatRoute = (ctx: ExecutionContext): boolean =>
  Boolean(
    Reflect.getMetadata(CHAT_RATE_LIMIT, ctx.getHandler()) ??
    Reflect.getMetadata(CHAT_RATE_LIMIT, ctx.getClass()),
  );

const KEY_PREFIX = 'ratelimit';
/** The limit's name for a request counted against its API key's own limit. */
export const API_KEY_LIMIT = 'key';
const API_KEY_WINDOW_MS = 60_000;
const THROTTLER_SUFFIX = new RegExp(`-(${CHAT_LIMIT}|${READ_LIMIT}|${API_KEY_LIMIT})$`);

/** The two named limits: a route counts against `chat` (if marked) or `read`, never both. */
export function rateLimitOptions(
  settings: PlatformSettings,
  storage: ThrottlerStorage,
): ThrottlerModuleOptions {
  const { chat, read } = settings.rateLimits;
  return {
    throttlers: [
      { name: CHAT_LIMIT, limit: chat.limit, ttl: chat.ttlMs, skipIf: (ctx) => !isChatRoute(ctx) },
      { name: READ_LIMIT, limit: read.limit, ttl: read.ttlMs },
    ],
    storage,
  };
}

/**
 * @nestjs/throttler's guard, keyed by caller across all routes (so a limit is per user, not per
 * route), answering 429 in the error envelope with Retry-After. A request counts against one
 * named limit only, so its X-RateLimit-* headers go out without the limit's name as suffix.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly metrics: Metrics,
    @Inject(PLATFORM_SETTINGS) private readonly settings: PlatformSettings,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }

  /** The authenticated user; else (no user, or `anonymous` in AUTH_MODE=none) the client IP. */
  protected override async getTracker(req: RequestWithContext): Promise<string> {
    const id = req.user?.id;
    if (id && !(this.settings.authMode === 'none' && id === 'anonymous')) return `user:${id}`;
    // req.ip honours Express' trust proxy (TRUST_PROXY), so X-Forwarded-For counts only when trusted.
    return `ip:${normalizeIp(req.ip || (req.socket.remoteAddress ?? 'unknown'))}`;
  }

  /**
   * A request made with an API key that has its own limit counts against that key alone: one
   * counter per key over all routes, its requests per minute (the throttler's documented hook
   * for the limit and key of one request). Other requests keep the named limits.
   */
  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const apiKey = props.context.switchToHttp().getRequest<RequestWithContext>().apiKey;
    if (!apiKey?.requestsPerMinute) return super.handleRequest(props);
    const key = `${KEY_PREFIX}:${API_KEY_LIMIT}:apikey:${apiKey.id}`;
    // The stores count per throttler name within a key: one name, so chat and reads add up.
    return super.handleRequest({
      ...props,
      throttler: { ...props.throttler, name: API_KEY_LIMIT },
      limit: apiKey.requestsPerMinute,
      ttl: API_KEY_WINDOW_MS,
      blockDuration: API_KEY_WINDOW_MS,
      generateKey: () => key,
    });
  }

  protected override generateKey(_ctx: ExecutionContext, tracker: string, name: string): string {
    return `${KEY_PREFIX}:${name}:${tracker}`;
  }

  /** The guard's headers, without the limit's name: each request counts against one limit. */
  protected override getRequestResponse(context: ExecutionContext) {
    const http = context.switchToHttp();
    const res = http.getResponse<Response>();
    const header = (name: string, value: unknown) =>
      res.setHeader(name.replace(THROTTLER_SUFFIX, ''), String(value));
    return { req: http.getRequest<RequestWithContext>(), res: { header } };
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const name = detail.key.split(':')[1] ?? READ_LIMIT;
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    const seconds = Math.round(detail.ttl / 1000);
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('X-RateLimit-Limit', String(detail.limit));
    res.setHeader('X-RateLimit-Remaining', '0');
    res.setHeader('X-RateLimit-Reset', String(retryAfter));
    this.metrics.requestThrottled(name);
    throw new HttpProblem(
      429,
      'rate_limited',
      `Too many requests: at most ${detail.limit} per ${seconds} s (${name} limit); retry in ${retryAfter} s`,
      { limit: name, max: detail.limit, windowSeconds: seconds },
      { 'Retry-After': String(retryAfter) },
    );
  }
}
