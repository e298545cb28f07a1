/** A request budget: `limit` requests per `ttlMs` window. */
export interface RateLimit {
  limit: number;
  ttlMs: number;
}

/** Everything libs/platform reads from the environment, parsed once at start-up. */
export interface PlatformSettings {
  nodeEnv: string;
  authMode: 'none' | 'jwt';
  jwt: {
    secret?: string;
    algorithm: string;
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
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

/** DI token for the parsed settings. */
export const PLATFORM_SETTINGS = Symbol('PLATFORM_SETTINGS');

type Read = (key: string) => unknown;

const str = (read: Read, key: string): string | undefined => {
  const value = read(key);
  return value === undefined || value === null || value === '' ? undefined : String(value);
};
const num = (read: Read, key: string, fallback: number): number => {
  const value = str(read, key);
  return value === undefined ? fallback : Number(value);
};
const bool = (read: Read, key: string, fallback: boolean): boolean => {
  const value = read(key);
  if (typeof value === 'boolean') return value;
  if (value === undefined || value === '') return fallback;
  return ['true', '1', 'yes', 'on'].includes(String(value).toLowerCase());
};

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
export function redisUrlOf(read: Read): string | undefined {
  const url = str(read, 'REDIS_URL');
  if (url) return url;
  const host = str(read, 'REDIS_HOST');
  return host ? `redis://${host}:${num(read, 'REDIS_PORT', 6379)}` : undefined;
}

/** Reads the validated configuration (ConfigService.get or a plain env object). */
export function readPlatformSettings(read: Read): PlatformSettings {
  const authMode = str(read, 'AUTH_MODE') === 'jwt' ? 'jwt' : 'none';
  const limit = str(read, 'USER_DAILY_TOKEN_LIMIT');
  return {
    nodeEnv: str(read, 'NODE_ENV') ?? 'development',
    authMode,
    jwt: {
      secret: str(read, 'JWT_SECRET'),
      algorithm: str(read, 'JWT_ALGORITHM') ?? 'HS256',
      jwksUrl: str(read, 'JWT_JWKS_URL'),
      issuer: str(read, 'JWT_ISSUER'),
      audience: str(read, 'JWT_AUDIENCE'),
    },
    allowedOrigins: parseAllowedOrigins(str(read, 'ALLOWED_ORIGINS')),
    trustProxy: bool(read, 'TRUST_PROXY', false),
    redisUrl: redisUrlOf(read),
    redisKeyPrefix: str(read, 'REDIS_KEY_PREFIX') ?? 'chat-backend:',
    rateLimits: {
      chat: parseRateLimit(str(read, 'RATE_LIMIT_CHAT') ?? '10/60s'),
      read: parseRateLimit(str(read, 'RATE_LIMIT_READ') ?? '120/60s'),
    },
    dailyTokenLimit: limit === undefined ? undefined : Number(limit),
    log: {
      level: str(read, 'LOG_LEVEL') ?? 'info',
      content: bool(read, 'LOG_CONTENT', false),
      sync: bool(read, 'LOG_SYNC', false),
      dir: str(read, 'LOG_DIR'),
      retentionDays: num(read, 'LOG_RETENTION_DAYS', 7),
    },
    metricsEnabled: bool(read, 'METRICS_ENABLED', true),
    shutdownGraceMs: num(read, 'SHUTDOWN_GRACE_MS', 10000),
  };
}

/** Redis URL without its password, for the start-up log. */
export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 6379}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}
