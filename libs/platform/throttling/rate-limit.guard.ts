import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  normalizeIp,
  ThrottlerGuard,
  ThrottlerModuleOptions,
  ThrottlerRequest,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { PLATFORM_SETTINGS, PlatformSettings } from '../config/platform-settings';
import { HttpProblem } from '../http/error-envelope';
import type { RequestWithContext } from '../http/request-context';
import { Metrics } from '../metrics/metrics.service';
import { CHAT_LIMIT, CHAT_RATE_LIMIT, READ_LIMIT } from './rate-limit.decorators';

export const RATE_LIMIT_OPTIONS = Symbol('RATE_LIMIT_OPTIONS');
export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

const isChatRoute = (ctx: ExecutionContext): boolean =>
  Boolean(
    Reflect.getMetadata(CHAT_RATE_LIMIT, ctx.getHandler()) ??
    Reflect.getMetadata(CHAT_RATE_LIMIT, ctx.getClass()),
  );

/** The two named limits: a route counts against `chat` (if marked) or `read`, never both. */
export function rateLimitOptions(settings: PlatformSettings): ThrottlerModuleOptions {
  const { chat, read } = settings.rateLimits;
  return {
    throttlers: [
      { name: CHAT_LIMIT, limit: chat.limit, ttl: chat.ttlMs, skipIf: (ctx) => !isChatRoute(ctx) },
      { name: READ_LIMIT, limit: read.limit, ttl: read.ttlMs },
    ],
  };
}

/**
 * @nestjs/throttler's guard, keyed by caller across all routes (so a limit is per user, not per
 * route), answering 429 in the error envelope with Retry-After and un-suffixed X-RateLimit-*.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @Inject(RATE_LIMIT_OPTIONS) options: ThrottlerModuleOptions,
    @Inject(RATE_LIMIT_STORAGE) storage: ThrottlerStorage,
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
    // req.ip honours Fastify's trustProxy (TRUST_PROXY), so X-Forwarded-For counts only when trusted.
    return `ip:${normalizeIp(req.ip || (req.socket.remoteAddress ?? 'unknown'))}`;
  }

  protected override generateKey(_ctx: ExecutionContext, tracker: string, name: string): string {
    return `ratelimit:${name}:${tracker}`;
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration, getTracker, generateKey } = request;
    const name = throttler.name ?? 'default';
    const http = context.switchToHttp();
    const req = http.getRequest<RequestWithContext>();
    const reply = http.getResponse<FastifyReply>();
    const tracker = await getTracker(req, context);
    const key = generateKey(context, tracker, name);
    const record = await this.storageService.increment(key, ttl, limit, blockDuration, name);
    reply.header('X-RateLimit-Limit', String(limit));
    if (!record.isBlocked) {
      reply.header('X-RateLimit-Remaining', String(Math.max(0, limit - record.totalHits)));
      reply.header('X-RateLimit-Reset', String(Math.max(0, record.timeToExpire)));
      return true;
    }
    const retryAfter = Math.max(1, record.timeToBlockExpire);
    reply.header('X-RateLimit-Remaining', '0');
    reply.header('X-RateLimit-Reset', String(retryAfter));
    this.metrics.requestThrottled(name);
    throw new HttpProblem(
      429,
      'rate_limited',
      `Too many requests: at most ${limit} per ${Math.round(ttl / 1000)} s (${name} limit); retry in ${retryAfter} s`,
      { limit: name, max: limit, windowSeconds: Math.round(ttl / 1000) },
      { 'Retry-After': String(retryAfter) },
    );
  }
}
