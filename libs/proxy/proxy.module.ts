import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type Redis from 'ioredis';
import type { Logger as PinoLogger } from 'pino';
import { ErrorMappers, PLATFORM_REDIS, ROOT_LOGGER } from '@app/platform';
import { EmbedTextsUseCase } from './application/embed-texts.use-case';
import { EmbeddingCache, NoEmbeddingCache } from './application/embedding-cache';
import { ProxyChatUseCase } from './application/proxy-chat.use-case';
import { modelList, ProxySettings } from './application/proxy-settings';
import { LruEmbeddingCache } from './infrastructure/lru.embedding-cache';
import { RedisEmbeddingCache } from './infrastructure/redis.embedding-cache';
import { EmbeddingsController } from './interface/http/embeddings.controller';
import { mapProxyError } from './interface/http/proxy-error.mapper';
import { ProxyController } from './interface/http/proxy.controller';

function proxySettingsFromConfig(config: ConfigService): ProxySettings {
  const defaultChatModel = config.getOrThrow<string>('BEDROCK_MODEL_ID');
  const defaultEmbedModel = config.getOrThrow<string>('BEDROCK_EMBED_MODEL_ID');
  return {
    defaultChatModel,
    chatModels: modelList(defaultChatModel, config.get<string>('LLM_MODELS')),
    defaultEmbedModel,
    embedModels: modelList(defaultEmbedModel, config.get<string>('EMBED_MODELS')),
    maxTokensLimit: config.getOrThrow<number>('PROXY_MAX_TOKENS_LIMIT'),
    embedCacheMax: config.getOrThrow<number>('EMBED_CACHE_MAX'),
    embedCacheTtlSeconds: config.getOrThrow<number>('EMBED_CACHE_TTL_S'),
    providerName: config.get<string>('LLM_PROVIDER') ?? 'mock',
  };
}

function embeddingCache(
  settings: ProxySettings,
  redis: Redis | null | undefined,
  logger: PinoLogger,
): EmbeddingCache {
  if (settings.embedCacheMax === 0) return new NoEmbeddingCache();
  if (redis) return new RedisEmbeddingCache(redis, settings.embedCacheTtlSeconds, logger);
  return new LruEmbeddingCache(settings.embedCacheMax, settings.embedCacheTtlSeconds);
}

/**
 * The stateless model proxy (`POST /chat`, `POST /api/v1/proxy/chat`) and the embeddings
 * resource (`POST /api/v1/embeddings`). Needs LlmModule and PlatformModule (both global).
 */
@Module({
  controllers: [ProxyController, EmbeddingsController],
  providers: [
    { provide: ProxySettings, inject: [ConfigService], useFactory: proxySettingsFromConfig },
    {
      provide: EmbeddingCache,
      inject: [ProxySettings, { token: PLATFORM_REDIS, optional: true }, ROOT_LOGGER],
      useFactory: embeddingCache,
    },
    ProxyChatUseCase,
    EmbedTextsUseCase,
  ],
  exports: [EmbedTextsUseCase, ProxyChatUseCase],
})
export class ProxyModule {
  constructor(errorMappers: ErrorMappers) {
    errorMappers.register(mapProxyError);
  }
}
