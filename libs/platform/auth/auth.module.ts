import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';

/**
 * Authentication for every route: a global guard (AuthGuard) that routes opt out of with
 * `@Public()`. Imported by the platform before the rate limit, so the limit knows the caller.
 * Swagger UI and its JSON are served by the docs middleware, not by a route: no guard runs there.
 */
@Module({ providers: [AuthGuard, { provide: APP_GUARD, useExisting: AuthGuard }] })
export class AuthModule {}
