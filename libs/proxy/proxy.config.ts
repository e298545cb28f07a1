import { getConfigToken } from '@nestjs/config';
import { allowedModels } from '@app/llm';
import { ProxySettings } from './application/proxy-settings';

/** The configuration namespace the app registers (registerAs) with the proxy's settings. */
export const PROXY_CONFIG_NAMESPACE = 'proxy';

/** DI token of the `proxy` namespace. */
export const PROXY_CONFIG = getConfigToken(PROXY_CONFIG_NAMESPACE);

/** The environment variables the proxy reads, validated and defaulted by the app's schema. */
export interface ProxyEnvironment {
  LLM_PROVIDER?: string;
  LLM_MODEL_ID: string;
  LLM_MODELS?: string;
  LLM_EMBED_MODEL_ID: string;
  EMBED_MODELS?: string;
  PROXY_MAX_TOKENS_LIMIT: number;
  EMBED_CACHE_MAX: number;
  EMBED_CACHE_TTL_S: number;
}

/** The `proxy` configuration namespace, made from the validated environment. */
export function proxySettingsFrom(env: ProxyEnvironment): ProxySettings {
  return {
    defaultChatModel: env.LLM_MODEL_ID,
    chatModels: allowedModels(env.LLM_MODEL_ID, env.LLM_MODELS),
    defaultEmbedModel: env.LLM_EMBED_MODEL_ID,
    embedModels: allowedModels(env.LLM_EMBED_MODEL_ID, env.EMBED_MODELS),
    maxTokensLimit: env.PROXY_MAX_TOKENS_LIMIT,
    embedCacheMax: env.EMBED_CACHE_MAX,
    embedCacheTtlSeconds: env.EMBED_CACHE_TTL_S,
    providerName: env.LLM_PROVIDER ?? 'mock',
  };
}
