import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, HookHandlerDoneFunction } from 'fastify';
import { PLATFORM_SETTINGS, PlatformSettings } from '../config/platform-settings';
import { headerOf, type RequestWithContext } from '../http/request-context';
import { headerUser } from './header-user';
import { JwtVerifier } from './jwt.verifier';
import { isOpenPath } from './open-paths';

/**
 * Sets `req.user` before guards and handlers run (a Fastify onRequest hook, so before the body is
 * read). AUTH_MODE=none: X-User-Id, else `anonymous` (as the seed). AUTH_MODE=jwt: a verified
 * bearer token's `sub`; X-User-Id is ignored; health, docs and metrics stay open.
 */
@Injectable()
export class AuthHook {
  private readonly verifier?: JwtVerifier;

  constructor(@Inject(PLATFORM_SETTINGS) private readonly settings: PlatformSettings) {
    if (settings.authMode !== 'jwt') return;
    this.verifier = new JwtVerifier(settings.jwt);
    // Production refuses a short secret at config validation; elsewhere, say so.
    if (settings.jwt.secret && settings.jwt.secret.length < 32)
      new Logger('Auth').warn('JWT_SECRET is shorter than 32 characters: too weak for HS256');
  }

  /** Calls `done` when the caller is known, or with the 400/401 to answer. */
  readonly onRequest = (
    req: RequestWithContext,
    _reply: FastifyReply,
    done: HookHandlerDoneFunction,
  ): void => {
    if (!this.verifier) {
      try {
        req.user = headerUser(headerOf(req, 'x-user-id'));
      } catch (error) {
        return done(error as Error);
      }
      return done();
    }
    if (isOpenPath(req.url.split('?')[0])) return done();
    this.verifier.verify(headerOf(req, 'authorization')).then(
      (id) => {
        req.user = { id };
        done();
      },
      (error: Error) => done(error),
    );
  };
}
