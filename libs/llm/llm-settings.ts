/** The LLM providers this library can build (LLM_PROVIDER). */
export type LlmProviderName = 'bedrock' | 'openai-compatible' | 'mock';

export const LLM_PROVIDERS: readonly LlmProviderName[] = ['bedrock', 'openai-compatible', 'mock'];

/** Everything the LLM library reads from the environment, already parsed (not validated). */
export interface LlmSettings {
  /** LLM_PROVIDER; `mock` when unset. */
  provider: LlmProviderName;
  /** False when LLM_PROVIDER was unset and `mock` was chosen by default (warn loudly). */
  providerExplicit: boolean;
  /** BEDROCK_MODEL_ID: default chat model (plain id, `us.`/`eu.` inference profile or ARN). */
  modelId: string;
  /** BEDROCK_MAX_TOKENS: default max output tokens. */
  maxTokens: number;
  /** BEDROCK_TEMPERATURE. */
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
  /** BEDROCK_EMBED_MODEL_ID: default embedding model. */
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

export const LLM_SETTINGS_DEFAULTS = {
  modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
  maxTokens: 4000,
  temperature: 0.1,
  region: 'us-east-1',
  guardrailVersion: '1',
  timeoutMs: 60_000,
  maxAttempts: 3,
  deadlineMs: 120_000,
  maxPoolConnections: 50,
  mockTokenDelayMs: 20,
  embedModelId: 'amazon.titan-embed-text-v2:0',
  openaiMaxTokensField: 'max_tokens',
} as const;

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function num(value: string | undefined, fallback: number): number {
  const raw = text(value);
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  return Number.isFinite(parsed) ? parsed : fallback;
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

/** Reads the LLM settings through `get` (ConfigService.get or a plain env lookup). */
export function llmSettingsFromConfig(get: (key: string) => string | undefined): LlmSettings {
  const chosen = provider(get('LLM_PROVIDER'));
  const guardrailId = text(get('BEDROCK_GUARDRAIL_ID'));
  const d = LLM_SETTINGS_DEFAULTS;
  return {
    provider: chosen ?? 'mock',
    providerExplicit: chosen !== undefined,
    modelId: text(get('BEDROCK_MODEL_ID')) ?? d.modelId,
    maxTokens: num(get('BEDROCK_MAX_TOKENS'), d.maxTokens),
    temperature: num(get('BEDROCK_TEMPERATURE'), d.temperature),
    region: text(get('AWS_REGION')) ?? text(get('AWS_DEFAULT_REGION')) ?? d.region,
    endpointUrl: text(get('BEDROCK_ENDPOINT_URL')),
    awsCredentials: credentialsFrom(get),
    bedrockApiKey: text(get('AWS_BEARER_TOKEN_BEDROCK')),
    guardrail: guardrailId
      ? { id: guardrailId, version: text(get('BEDROCK_GUARDRAIL_VERSION')) ?? d.guardrailVersion }
      : undefined,
    timeoutMs: num(get('LLM_TIMEOUT_MS'), d.timeoutMs),
    maxAttempts: Math.max(1, Math.floor(num(get('LLM_MAX_ATTEMPTS'), d.maxAttempts))),
    deadlineMs: num(get('LLM_DEADLINE_MS'), d.deadlineMs),
    fallbackModels: (text(get('LLM_FALLBACK_MODELS')) ?? '')
      .split(',')
      .map((model) => model.trim())
      .filter((model) => model.length > 0),
    maxPoolConnections: num(get('MAX_POOL_CONNECTIONS'), d.maxPoolConnections),
    mockTokenDelayMs: num(get('MOCK_TOKEN_DELAY_MS'), d.mockTokenDelayMs),
    embedModelId: text(get('BEDROCK_EMBED_MODEL_ID')) ?? d.embedModelId,
    openaiBaseUrl: text(get('OPENAI_BASE_URL')),
    openaiApiKey: text(get('OPENAI_API_KEY')),
    openaiMaxTokensField:
      text(get('OPENAI_MAX_TOKENS_FIELD')) === 'max_completion_tokens'
        ? 'max_completion_tokens'
        : d.openaiMaxTokensField,
  };
}

/** Keys given to the service's configuration (e.g. a .env file) must win over what the process env holds later. */
function credentialsFrom(get: (key: string) => string | undefined): LlmSettings['awsCredentials'] {
  const accessKeyId = text(get('AWS_ACCESS_KEY_ID'));
  const secretAccessKey = text(get('AWS_SECRET_ACCESS_KEY'));
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken: text(get('AWS_SESSION_TOKEN')) };
}
