/** Proxy behaviour: the `proxy` configuration namespace (proxy.config.ts). */
export abstract class ProxySettings {
  /** LLM_MODEL_ID: the chat model when a request names none. */
  abstract readonly defaultChatModel: string;
  /** The default chat model plus LLM_MODELS. */
  abstract readonly chatModels: readonly string[];
  /** LLM_EMBED_MODEL_ID: the embedding model when a request names none. */
  abstract readonly defaultEmbedModel: string;
  /** The default embedding model plus EMBED_MODELS. */
  abstract readonly embedModels: readonly string[];
  /** PROXY_MAX_TOKENS_LIMIT: the largest `max_tokens` a payload may ask for. */
  abstract readonly maxTokensLimit: number;
  /** EMBED_CACHE_MAX: entries of the in-process embedding cache; 0 turns caching off. */
  abstract readonly embedCacheMax: number;
  /** EMBED_CACHE_TTL_S: how long a cached embedding lives (memory or Redis). */
  abstract readonly embedCacheTtlSeconds: number;
  /** LLM_PROVIDER (for cache keys and logs). */
  abstract readonly providerName: string;
}

/** Most texts one embedding request may carry. */
export const MAX_EMBED_TEXTS = 256;
