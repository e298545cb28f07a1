import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  Matches,
  ValidateBy,
} from 'class-validator';
import { loadModelPrices, type ChatEnvironment } from '@app/conversations';
import type { LlmEnvironment } from '@app/llm';
import type { ProxyEnvironment } from '@app/proxy';
import type { PlatformEnvironment } from '@app/platform';
import { BODY_LIMIT_PATTERN } from '@app/platform/http/body-limit';
import type { WebAppEnvironment } from '../web-app/web-app.settings';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['true', '1', 'yes', 'on'].includes(String(value).toLowerCase());

/** The problem with a price file, or null when it loads (defaults plus its entries). */
function modelPricesProblem(file: unknown): string | null {
  try {
    loadModelPrices(String(file));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** MODEL_PRICES_FILE must be a readable JSON price list: checked at start-up, not per answer. */
const IsModelPricesFile = () =>
  ValidateBy({
    name: 'isModelPricesFile',
    validator: {
      validate: (value: unknown) => modelPricesProblem(value) === null,
      defaultMessage: (args) => modelPricesProblem(args?.value) ?? 'invalid price file',
    },
  });

/**
 * Every environment variable the service reads, with its default: the one set of defaults. The
 * libraries' configuration namespaces (config.namespaces.ts) are made from a validated instance;
 * `.env.example` mirrors this class, and a test checks that they agree.
 */
export class EnvironmentSchema
  implements
    LlmEnvironment,
    PlatformEnvironment,
    ChatEnvironment,
    ProxyEnvironment,
    WebAppEnvironment
{
  @IsIn(['development', 'production', 'test']) NODE_ENV = 'development';
  @Type(() => Number) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsString() HOST = '0.0.0.0';

  // Database
  @IsOptional()
  @Matches(/^postgres(ql)?(\+[a-z_]+)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;
  @Transform(toBool) @IsBoolean() MIGRATE_ON_START = true;
  @Type(() => Number) @IsInt() @Min(1) @Max(500) DATABASE_POOL_MAX = 20;
  @IsString() EMBEDDED_PG_DATA_DIR = '.data/postgres';

  // LLM provider
  @IsOptional() @IsIn(['bedrock', 'openai-compatible', 'mock']) LLM_PROVIDER?: string;
  // LLM_MODEL_ID, LLM_MAX_TOKENS, LLM_TEMPERATURE and LLM_EMBED_MODEL_ID also accept the seed's
  // names (BEDROCK_MODEL_ID, ...): see SEED_ALIASES in env.validation.ts.
  @IsString() LLM_MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
  @Type(() => Number) @IsInt() @Min(1) @Max(200000) LLM_MAX_TOKENS = 4000;
  @Type(() => Number) @IsNumber() @Min(0) @Max(1) LLM_TEMPERATURE = 0.1;
  @IsOptional() @IsString() AWS_REGION?: string;
  @IsString() AWS_DEFAULT_REGION = 'us-east-1';
  @IsOptional() @IsString() AWS_ACCESS_KEY_ID?: string;
  @IsOptional() @IsString() AWS_SECRET_ACCESS_KEY?: string;
  @IsOptional() @IsString() AWS_SESSION_TOKEN?: string;
  /** A Bedrock API key: bearer auth instead of SigV4 (no AWS access keys needed). */
  @IsOptional() @IsString() AWS_BEARER_TOKEN_BEDROCK?: string;
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  BEDROCK_ENDPOINT_URL?: string;
  @IsOptional() @IsString() BEDROCK_GUARDRAIL_ID?: string;
  @IsString() BEDROCK_GUARDRAIL_VERSION = '1';
  @IsString() LLM_EMBED_MODEL_ID = 'amazon.titan-embed-text-v2:0';
  @Type(() => Number) @IsInt() @Min(100) LLM_TIMEOUT_MS = 60000;
  @Type(() => Number) @IsInt() @Min(100) LLM_DEADLINE_MS = 120000;
  @Type(() => Number) @IsInt() @Min(1) @Max(10) LLM_MAX_ATTEMPTS = 3;
  @IsOptional() @IsString() LLM_FALLBACK_MODELS?: string;
  @IsOptional() @IsString() LLM_MODELS?: string;
  @IsOptional() @IsString() EMBED_MODELS?: string;
  @Type(() => Number) @IsInt() @Min(1) @Max(1000) MAX_POOL_CONNECTIONS = 50;
  @Type(() => Number) @IsInt() @Min(0) @Max(10000) MOCK_TOKEN_DELAY_MS = 20;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) OPENAI_BASE_URL?: string;
  @IsOptional() @IsString() OPENAI_API_KEY?: string;
  @IsIn(['max_tokens', 'max_completion_tokens']) OPENAI_MAX_TOKENS_FIELD = 'max_tokens';

  // Proxy and embeddings
  @Type(() => Number) @IsInt() @Min(1) @Max(200000) PROXY_MAX_TOKENS_LIMIT = 8192;
  @Type(() => Number) @IsInt() @Min(0) @Max(10000000) EMBED_CACHE_MAX = 10000;
  @Type(() => Number) @IsInt() @Min(1) EMBED_CACHE_TTL_S = 86400;

  // Chat
  @Type(() => Number) @IsInt() @Min(1) @Max(1000000) MAX_MESSAGE_CHARS = 32000;
  @Type(() => Number) @IsInt() @Min(100) CONTEXT_MAX_TOKENS = 100000;
  @Transform(toBool) @IsBoolean() CONTEXT_SUMMARIES = true;
  @Type(() => Number) @IsInt() @Min(1024) @Max(16777216) WS_MAX_FRAME_BYTES = 262144;
  @IsIn(['continue', 'abort']) STREAM_ON_DISCONNECT = 'continue';
  @Type(() => Number) @IsInt() @Min(1000) STREAM_HEARTBEAT_MS = 15000;
  @Type(() => Number) @IsInt() @Min(50) STREAM_CHECKPOINT_MS = 1000;
  @Type(() => Number) @IsInt() @Min(500) STREAM_LEASE_MS = 15000;
  @Type(() => Number) @IsInt() @Min(1) STREAM_LOG_TTL_S = 600;
  @IsOptional() @IsModelPricesFile() MODEL_PRICES_FILE?: string;
  @IsOptional() @Type(() => Number) @IsNumber() @Min(0) USER_MONTHLY_COST_LIMIT_USD?: number;

  // Platform
  @IsIn(['none', 'jwt', 'api-key']) AUTH_MODE = 'none';
  @Matches(/^[A-Za-z0-9_:/.-]+$/, {
    message: 'AUTH_ADMIN_CLAIM must be a claim name or dotted path',
  })
  AUTH_ADMIN_CLAIM = 'roles';
  @IsOptional() @IsString() ADMIN_API_KEY?: string;
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:@|+-]{1,128}(\s*,\s*[A-Za-z0-9._:@|+-]{1,128})*$/, {
    message: 'ADMIN_USER_IDS must be a comma list of user ids',
  })
  ADMIN_USER_IDS?: string;
  @IsOptional() @IsString() JWT_SECRET?: string;
  @IsString() JWT_ALGORITHM = 'HS256';
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) JWT_JWKS_URL?: string;
  @IsOptional() @IsString() JWT_ISSUER?: string;
  @IsOptional() @IsString() JWT_AUDIENCE?: string;
  @IsOptional() @IsString() ALLOWED_ORIGINS?: string;
  @Matches(BODY_LIMIT_PATTERN, {
    message: 'BODY_LIMIT must be a size such as 1mb, 512kb or 1048576',
  })
  BODY_LIMIT = '1mb';
  @IsOptional()
  @Matches(/^redis(s)?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;
  @IsOptional() @IsString() REDIS_HOST?: string;
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) REDIS_PORT = 6379;
  @IsString() REDIS_KEY_PREFIX = 'chat-backend:';
  @Matches(/^\d+\/\d+s$/, { message: 'RATE_LIMIT_CHAT must look like 10/60s' }) RATE_LIMIT_CHAT =
    '10/60s';
  @Matches(/^\d+\/\d+s$/, { message: 'RATE_LIMIT_READ must look like 120/60s' }) RATE_LIMIT_READ =
    '120/60s';
  @Transform(toBool) @IsBoolean() TRUST_PROXY = false;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) USER_DAILY_TOKEN_LIMIT?: number;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  @Transform(toBool) @IsBoolean() LOG_CONTENT = false;
  @Transform(toBool) @IsBoolean() LOG_SYNC = false;
  @IsOptional() @IsString() LOG_DIR?: string;
  @Type(() => Number) @IsInt() @Min(1) LOG_RETENTION_DAYS = 7;
  @Transform(toBool) @IsBoolean() METRICS_ENABLED = true;
  @Type(() => Number) @IsInt() @Min(0) SHUTDOWN_GRACE_MS = 10000;

  // Web app (apps/web, built by `npm run build`)
  @Transform(toBool) @IsBoolean() WEB_APP_ENABLED = true;
  @IsString() WEB_APP_DIR = 'dist/web';
}

export type Environment = EnvironmentSchema;
