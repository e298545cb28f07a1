import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PLATFORM_SETTINGS, PlatformSettings } from '../config/platform-settings';
import { headerOf, type RequestWithContext } from '../http/request-context';
import { headerUser } from './header-user';
import { JwtVerifier } from './jwt.verifier';
import { IS_PUBLIC } from './public.decorator';

/**
 * Knows the caller before the rate limit and the handler run (a global guard; the first one).
 * AUTH_MODE=none: X-User-Id, else `anonymous` (as the seed), on every route. AUTH_MODE=jwt: a
 * verified bearer token's `sub`, except on `@Public()` routes; X-User-Id is ignored.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verifier?: JwtVerifier;

  constructor(
    @Inject(PLATFORM_SETTINGS) settings: PlatformSettings,
    private readonly reflector: Reflector,
  ) {
    if (settings.authMode !== 'jwt') return;
    this.verifier = new JwtVerifier(settings.jwt);
    // Production refuses a short secret at config validation; elsewhere, say so.
    if (settings.jwt.secret && settings.jwt.secret.length < 32)
      new Logger('Auth').warn('JWT_SECRET is shorter than 32 characters: too weak for HS256');
  }

  /** True when the caller is known (or the route is public); else throws the 400/401/503. */
  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<RequestWithContext>();
    if (!this.verifier) {
      req.user = headerUser(headerOf(req, 'x-user-id'));
      return true;
    }
    if (this.isPublic(context)) return true;
    req.user = await this.verifier.verifyUser(headerOf(req, 'authorization'));
    return true;
  }

  isPublic(context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ]) === true
    );
  }
}
