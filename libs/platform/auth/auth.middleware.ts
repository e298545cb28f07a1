import { Inject, Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { PLATFORM_SETTINGS, PlatformSettings } from '../config/platform-settings';
import type { RequestWithContext } from '../http/request-context';
import { headerUserMiddleware } from './header-user.middleware';
import { JwtVerifier } from './jwt.verifier';
import { isOpenPath } from './open-paths';

/**
 * Sets `req.user` before guards and handlers run. AUTH_MODE=none: X-User-Id, else `anonymous`
 * (as the seed). AUTH_MODE=jwt: a verified bearer token's `sub`; X-User-Id is ignored; health,
 * docs and metrics stay open.
 */
@Injectable()
export class AuthMiddleware implements NestMiddleware {
  private readonly verifier?: JwtVerifier;

  constructor(@Inject(PLATFORM_SETTINGS) private readonly settings: PlatformSettings) {
    if (settings.authMode !== 'jwt') return;
    this.verifier = new JwtVerifier(settings.jwt);
    // Production refuses a short secret at config validation; elsewhere, say so.
    if (settings.jwt.secret && settings.jwt.secret.length < 32)
      new Logger('Auth').warn('JWT_SECRET is shorter than 32 characters: too weak for HS256');
  }

  use(req: RequestWithContext, res: Response, next: NextFunction): void {
    if (!this.verifier) return headerUserMiddleware(req, res, next);
    // originalUrl: Nest mounts middleware on a path, so req.path is relative to that mount.
    if (isOpenPath(req.originalUrl.split('?')[0])) return next();
    this.verifier.verify(req.header('authorization')).then(
      (id) => {
        req.user = { id };
        next();
      },
      (error: unknown) => next(error),
    );
  }
}
