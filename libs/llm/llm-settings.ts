/** The LLM providers this library can build (LLM_PROVIDER). */
export type LlmProviderName = 'bedrock' | 'openai-compatible' | 'mock';

export const LLM_PROVIDERS: readonly LlmProviderName[] = ['bedrock', 'openai-compatible', 'mock'];

/** Everything the LLM library reads from the environment, already parsed (not validated). */
export interface LlmSettings {
  /** LLM_PROVIDER; `mock` when unset. */
  provider: LlmProviderName;
  /** False when LLM_PROVIDER was unset and `mock` was chosen by default (warn loudly). */
  providerExplicit: boolean;
  /** LLM_MODEL_ID (seed alias BEDROCK_MODEL_ID): default chat model (plain id, `us.`/`eu.` inference profile or ARN). */
  modelId: string;
  /** LLM_MAX_TOKENS (BEDROCK_MAX_TOKENS): default max output tokens. */
  maxTokens: number;
  /** LLM_TEMPERATURE (BEDROCK_TEMPERATURE). */
  temperature: number;
  /** AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1. */
  region: string;
  /** BEDROCK_ENDPOINT_URL: the emulator or a VPC endpoint. */
  endpointUrl?: string;
  /** Static keys from configuration; unset = the AWS SDK's default chain (roles, profiles, env). */
  awsCredentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** AWS_BEARER_TOKEN_BEDROCK: a Bedrock API key, sent as `Authorization: Bearer`; wins over keys. */
  bedrockApiKey?: string;
  /** BEDROCK_GUARDRAIL_ID + BEDROCK_GUARDRAIL_VERSION (default "1"). */
  guardrail?: { id: string; version: string };
  /** LLM_TIMEOUT_MS: per attempt (time to answer / to first event, then idle between events). */
  timeoutMs: number;
  /** LLM_MAX_ATTEMPTS: attempts including the first one. */
  maxAttempts: number;
  /** LLM_DEADLINE_MS: overall budget of one call, retries and fallbacks included. */
  deadlineMs: number;
  /** LLM_FALLBACK_MODELS: ordered, comma separated. */
  fallbackModels: string[];
  /** MAX_POOL_CONNECTIONS: keep-alive sockets per upstream host. */
  maxPoolConnections: number;
  /** MOCK_TOKEN_DELAY_MS: delay between streamed mock chunks (0 = none). */
  mockTokenDelayMs: number;
  /** LLM_EMBED_MODEL_ID (BEDROCK_EMBED_MODEL_ID): default embedding model. */
  embedModelId: string;
  /** OPENAI_BASE_URL (openai-compatible): e.g. http://localhost:11434/v1; unset = OpenAI. */
  openaiBaseUrl?: string;
  /** OPENAI_API_KEY (openai-compatible); local servers need none. */
  openaiApiKey?: string;
  /** OPENAI_MAX_TOKENS_FIELD: `max_tokens` (most servers) or `max_completion_tokens` (newer OpenAI models). */
  openaiMaxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** Retry backoff base and cap (not read from the environment; tests make them tiny). */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function provider(value: string | undefined): LlmProviderName | undefined {
  const raw = text(value)?.toLowerCase();
  if (raw === undefined) return undefined;
  const known = LLM_PROVIDERS.find((name) => name === raw);
  if (!known) {
    throw new Error(`LLM_PROVIDER=${raw} is not one of ${LLM_PROVIDERS.join(', ')}`);
  }
  return known;
}

/**
 * The environment variables the LLM library reads, as the app's validated configuration holds
 * them (types converted, defaults applied there: apps/api/config/env.schema.ts).
 */
export interface LlmEnvironment {
  NODE_ENV: string;
  LLM_PROVIDER?: string;
  LLM_MODEL_ID: string;
  LLM_MAX_TOKENS: number;
  LLM_TEMPERATURE: number;
  LLM_EMBED_MODEL_ID: string;
  AWS_REGION?: string;
  AWS_DEFAULT_REGION: string;
  AWS_ACCESS_KEY_ID?: string;
  AWS_SECRET_ACCESS_KEY?: string;
  AWS_SESSION_TOKEN?: string;
  AWS_BEARER_TOKEN_BEDROCK?: string;
  BEDROCK_ENDPOINT_URL?: string;
  BEDROCK_GUARDRAIL_ID?: string;
  BEDROCK_GUARDRAIL_VERSION: string;
  LLM_TIMEOUT_MS: number;
  LLM_MAX_ATTEMPTS: number;
  LLM_DEADLINE_MS: number;
  LLM_FALLBACK_MODELS?: string;
  MAX_POOL_CONNECTIONS: number;
  MOCK_TOKEN_DELAY_MS: number;
  OPENAI_BASE_URL?: string;
  OPENAI_API_KEY?: string;
  OPENAI_MAX_TOKENS_FIELD: string;
}

/** The `llm` configuration namespace, made from the validated environment. */
export function llmSettingsFrom(env: LlmEnvironment): LlmSettings {
  const chosen = provider(env.LLM_PROVIDER);
  if (chosen === undefined && env.NODE_ENV === 'production') {
    // The app's production rules refuse this too; this is the library's own guard.
    throw new Error('LLM_PROVIDER must be set in production (bedrock, openai-compatible or mock)');
  }
  const guardrailId = text(env.BEDROCK_GUARDRAIL_ID);
  return {
    provider: chosen ?? 'mock',
    providerExplicit: chosen !== undefined,
    modelId: env.LLM_MODEL_ID,
    maxTokens: env.LLM_MAX_TOKENS,
    temperature: env.LLM_TEMPERATURE,
    region: text(env.AWS_REGION) ?? env.AWS_DEFAULT_REGION,
    endpointUrl: text(env.BEDROCK_ENDPOINT_URL),
    awsCredentials: credentialsFrom(env),
    bedrockApiKey: text(env.AWS_BEARER_TOKEN_BEDROCK),
    guardrail: guardrailId
      ? { id: guardrailId, version: env.BEDROCK_GUARDRAIL_VERSION }
      : undefined,
    timeoutMs: env.LLM_TIMEOUT_MS,
    maxAttempts: Math.max(1, Math.floor(env.LLM_MAX_ATTEMPTS)),
    deadlineMs: env.LLM_DEADLINE_MS,
    fallbackModels: (text(env.LLM_FALLBACK_MODELS) ?? '')
      .split(',')
      .map((model) => model.trim())
      .filter((model) => model.length > 0),
    maxPoolConnections: env.MAX_POOL_CONNECTIONS,
    mockTokenDelayMs: env.MOCK_TOKEN_DELAY_MS,
    embedModelId: env.LLM_EMBED_MODEL_ID,
    openaiBaseUrl: text(env.OPENAI_BASE_URL),
    openaiApiKey: text(env.OPENAI_API_KEY),
    openaiMaxTokensField:
      env.OPENAI_MAX_TOKENS_FIELD === 'max_completion_tokens'
        ? 'max_completion_tokens'
        : 'max_tokens',
  };
}

/** Static keys only when both halves are configured; otherwise the AWS SDK's default chain. */
function credentialsFrom(env: LlmEnvironment): LlmSettings['awsCredentials'] {
  const accessKeyId = text(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = text(env.AWS_SECRET_ACCESS_KEY);
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken: text(env.AWS_SESSION_TOKEN) };
}

/** The models callers may choose: the default first, then a comma list (LLM_MODELS, EMBED_MODELS), no duplicates. */
export function allowedModels(defaultModel: string, listed: string | undefined): string[] {
  const extra = (listed ?? '')
    .split(',')
    .map((model) => model.trim())
    .filter(Boolean);
  return [...new Set([defaultModel, ...extra])];
}
