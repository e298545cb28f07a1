import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PLATFORM_SETTINGS, PlatformSettings } from '../config/platform-settings';
import { HttpProblem } from '../http/error-envelope';
import type { RequestWithContext } from '../http/request-context';
import { IS_ADMIN_ONLY } from './admin-only.decorator';
import { CallerAuthenticator } from './caller-authenticator';
import { IS_PUBLIC } from './public.decorator';

/**
 * Knows the caller before the rate limit and the handler run (a global guard; the first one),
 * and keeps `@AdminOnly()` routes to administrators (403 for anyone else). `@Public()` routes
 * need no credential (in AUTH_MODE=none the caller is still known, from X-User-Id).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(PLATFORM_SETTINGS) private readonly settings: PlatformSettings,
    private readonly reflector: Reflector,
    private readonly callers: CallerAuthenticator,
  ) {}

  /** True when the caller is known (or the route is public); else throws the 400/401/403/503. */
  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<RequestWithContext>();
    const isPublic = this.isPublic(context);
    if (isPublic && this.settings.authMode !== 'none') return true;
    req.user = await this.callers.authenticate(req);
    if (!isPublic && this.isAdminOnly(context) && !req.user.isAdmin)
      throw new HttpProblem(403, 'forbidden', 'This route is for administrators only');
    return true;
  }

  isPublic(context: ExecutionContext): boolean {
    return this.flag(IS_PUBLIC, context);
  }

  isAdminOnly(context: ExecutionContext): boolean {
    return this.flag(IS_ADMIN_ONLY, context);
  }

  private flag(key: string, context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]) ===
      true
    );
  }
}
