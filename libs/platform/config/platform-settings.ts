import { getConfigToken } from '@nestjs/config';

/** A request budget: `limit` requests per `ttlMs` window. */
export interface RateLimit {
  limit: number;
  ttlMs: number;
}

/** Everything libs/platform reads from the environment, parsed once at start-up. */
export interface PlatformSettings {
  nodeEnv: string;
  authMode: AuthMode;
  jwt: {
    secret?: string;
    algorithm: string;
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
  };
  admin: {
    /** JWT claim (name or dotted path) whose value contains `admin` (AUTH_ADMIN_CLAIM). */
    claim: string;
    /** The bootstrap admin key (ADMIN_API_KEY). */
    apiKey?: string;
    /** AUTH_MODE=none only: X-User-Id values that are administrators (ADMIN_USER_IDS). */
    userIds: string[];
  };
  allowedOrigins: string[];
  trustProxy: boolean;
  redisUrl?: string;
  /** Prefix of every Redis key (REDIS_KEY_PREFIX), so services or test runs can share one Redis. */
  redisKeyPrefix: string;
  rateLimits: { chat: RateLimit; read: RateLimit };
  dailyTokenLimit?: number;
  log: { level: string; content: boolean; sync: boolean; dir?: string; retentionDays: number };
  metricsEnabled: boolean;
  shutdownGraceMs: number;
}

/** none: X-User-Id; jwt: bearer tokens or API keys; api-key: API keys only. */
export type AuthMode = 'none' | 'jwt' | 'api-key';

/** The configuration namespace the app registers (registerAs) with these settings. */
export const PLATFORM_CONFIG_NAMESPACE = 'platform';

/** DI token of the `platform` namespace. */
export const PLATFORM_SETTINGS = getConfigToken(PLATFORM_CONFIG_NAMESPACE);

/**
 * The environment variables libs/platform reads, as the app's validated configuration holds them
 * (types converted, defaults applied there: apps/api/config/env.schema.ts).
 */
export interface PlatformEnvironment {
  NODE_ENV: string;
  AUTH_MODE: string;
  JWT_SECRET?: string;
  JWT_ALGORITHM: string;
  JWT_JWKS_URL?: string;
  JWT_ISSUER?: string;
  JWT_AUDIENCE?: string;
  AUTH_ADMIN_CLAIM: string;
  ADMIN_API_KEY?: string;
  ADMIN_USER_IDS?: string;
  ALLOWED_ORIGINS?: string;
  TRUST_PROXY: boolean;
  REDIS_URL?: string;
  REDIS_HOST?: string;
  REDIS_PORT: number;
  REDIS_KEY_PREFIX: string;
  RATE_LIMIT_CHAT: string;
  RATE_LIMIT_READ: string;
  USER_DAILY_TOKEN_LIMIT?: number;
  LOG_LEVEL: string;
  LOG_CONTENT: boolean;
  LOG_SYNC: boolean;
  LOG_DIR?: string;
  LOG_RETENTION_DAYS: number;
  METRICS_ENABLED: boolean;
  SHUTDOWN_GRACE_MS: number;
}

/** `10/60s` -> 10 requests per 60 000 ms (the schema has already checked the shape). */
export function parseRateLimit(value: string): RateLimit {
  const match = /^(\d+)\/(\d+)s$/.exec(value.trim());
  if (!match) throw new Error(`Invalid rate limit "${value}": expected e.g. 10/60s`);
  return { limit: Number(match[1]), ttlMs: Number(match[2]) * 1000 };
}

/** The seed accepts a JSON array (`["http://a"]`) or a comma list (`http://a,http://b`). */
export function parseAllowedOrigins(value: string | undefined): string[] {
  const text = value?.trim();
  if (!text) return [];
  if (text.startsWith('[')) {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed) || parsed.some((o) => typeof o !== 'string'))
      throw new Error('ALLOWED_ORIGINS must be a JSON array of strings or a comma list');
    return parsed.map((o: string) => o.trim().replace(/\/$/, '')).filter(Boolean);
  }
  return text
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
}

/** REDIS_URL wins; the seed's REDIS_HOST (+ REDIS_PORT) is accepted too. */
export function redisUrlOf(
  env: Pick<PlatformEnvironment, 'REDIS_URL' | 'REDIS_HOST' | 'REDIS_PORT'>,
): string | undefined {
  if (env.REDIS_URL) return env.REDIS_URL;
  return env.REDIS_HOST ? `redis://${env.REDIS_HOST}:${env.REDIS_PORT}` : undefined;
}

/** The `platform` configuration namespace, made from the validated environment. */
export function platformSettingsFrom(env: PlatformEnvironment): PlatformSettings {
  return {
    nodeEnv: env.NODE_ENV,
    authMode: env.AUTH_MODE === 'jwt' || env.AUTH_MODE === 'api-key' ? env.AUTH_MODE : 'none',
    jwt: {
      secret: env.JWT_SECRET,
      algorithm: env.JWT_ALGORITHM,
      jwksUrl: env.JWT_JWKS_URL,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
    },
    admin: {
      claim: env.AUTH_ADMIN_CLAIM,
      apiKey: env.ADMIN_API_KEY,
      userIds: (env.ADMIN_USER_IDS ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    },
    allowedOrigins: parseAllowedOrigins(env.ALLOWED_ORIGINS),
    trustProxy: env.TRUST_PROXY,
    redisUrl: redisUrlOf(env),
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    rateLimits: {
      chat: parseRateLimit(env.RATE_LIMIT_CHAT),
      read: parseRateLimit(env.RATE_LIMIT_READ),
    },
    dailyTokenLimit: env.USER_DAILY_TOKEN_LIMIT,
    log: {
      level: env.LOG_LEVEL,
      content: env.LOG_CONTENT,
      sync: env.LOG_SYNC,
      dir: env.LOG_DIR,
      retentionDays: env.LOG_RETENTION_DAYS,
    },
    metricsEnabled: env.METRICS_ENABLED,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
  };
}

/** Redis URL without its password, for the start-up log. */
export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 6379}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}
