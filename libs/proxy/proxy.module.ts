import { Module } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Logger as PinoLogger } from 'pino';
import { ErrorMappers, PLATFORM_REDIS, ROOT_LOGGER } from '@app/platform';
import { EmbedTextsUseCase } from './application/embed-texts.use-case';
import { EmbeddingCache, NoEmbeddingCache } from './application/embedding-cache';
import { ProxyChatUseCase } from './application/proxy-chat.use-case';
import { ProxySettings } from './application/proxy-settings';
import { PROXY_CONFIG } from './proxy.config';
import { LruEmbeddingCache } from './infrastructure/lru.embedding-cache';
import { RedisEmbeddingCache } from './infrastructure/redis.embedding-cache';
import { EmbeddingsController } from './interface/http/embeddings.controller';
import { mapProxyError } from './interface/http/proxy-error.mapper';
import { ProxyController } from './interface/http/proxy.controller';

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
    { provide: ProxySettings, useExisting: PROXY_CONFIG },
    {
      provide: EmbeddingCache,
      inject: [ProxySettings, { token: PLATFORM_REDIS, optional: true }, ROOT_LOGGER],
      useFactory: embeddingCache,
    },
    ProxyChatUseCase,
    EmbedTextsUseCase,
  ],
  exports: [EmbedTextsUseCase, ProxyChatUseCase, ProxySettings],
})
export class ProxyModule {
  constructor(errorMappers: ErrorMappers) {
    errorMappers.register(mapProxyError);
  }
}
