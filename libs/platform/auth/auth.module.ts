import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyCrypto, ApiKeyRepository } from '../api-keys/application/api-key.ports';
import {
  CreateApiKeyUseCase,
  ListApiKeysUseCase,
  RevokeApiKeyUseCase,
} from '../api-keys/application/api-key.use-cases';
import { AuthenticateApiKeyUseCase } from '../api-keys/application/authenticate-api-key.use-case';
import { MikroOrmApiKeyRepository } from '../api-keys/infrastructure/mikro-orm.api-key.repository';
import { NodeApiKeyCrypto } from '../api-keys/infrastructure/node.api-key-crypto';
import { ApiKeysController } from '../api-keys/interface/api-keys.controller';
import { AuthGuard } from './auth.guard';
import { CallerAuthenticator } from './caller-authenticator';
import { SocketAuthenticator } from './socket-authenticator';

/**
 * Authentication for every route: a global guard (AuthGuard) that routes opt out of with
 * `@Public()`, JWTs, API keys (managed by admins at /api/v1/admin/api-keys) and the admin role.
 * Imported by the platform before the rate limit, so the limit knows the caller.
 * Swagger UI and its JSON are served by the docs middleware, not by a route: no guard runs there.
 */
@Module({
  controllers: [ApiKeysController],
  providers: [
    { provide: ApiKeyRepository, useClass: MikroOrmApiKeyRepository },
    { provide: ApiKeyCrypto, useClass: NodeApiKeyCrypto },
    CreateApiKeyUseCase,
    ListApiKeysUseCase,
    RevokeApiKeyUseCase,
    AuthenticateApiKeyUseCase,
    CallerAuthenticator,
    SocketAuthenticator,
    AuthGuard,
    { provide: APP_GUARD, useExisting: AuthGuard },
  ],
  exports: [CallerAuthenticator, SocketAuthenticator],
})
export class AuthModule {}
