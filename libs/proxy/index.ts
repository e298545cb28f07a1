export * from './proxy.module';
export * from './openai-api.module';
export * from './proxy.config';
export { ProxySettings, MAX_EMBED_TEXTS } from './application/proxy-settings';
export { ProxyChatUseCase } from './application/proxy-chat.use-case';
export type {
  ProxyChatResult,
  ProxyChatStream,
  ProxyStreamEvent,
} from './application/proxy-chat.use-case';
export { EmbedTextsUseCase } from './application/embed-texts.use-case';
export type { EmbedTextsInput, EmbedTextsResult } from './application/embed-texts.use-case';
export { EmbeddingCache, embeddingCacheKey } from './application/embedding-cache';
export { payloadProblems, BEDROCK_ANTHROPIC_VERSION } from './application/anthropic-payload';
export type { AnthropicPayload } from './application/anthropic-payload';
export { toLlmRequest, anthropicStopReason } from './application/anthropic-translation';
