import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PLATFORM_SETTINGS, PlatformSettings } from '../config/platform-settings';
import { HttpProblem } from '../http/error-envelope';
import {
  addLogFields,
  headerOf,
  type AuthenticatedUser,
  type RequestWithContext,
} from '../http/request-context';
import { IS_ADMIN_ONLY } from './admin-only.decorator';
import { BOOTSTRAP_ADMIN_ID, BootstrapAdminKey, claimsGrantAdmin } from './admin-role';
import { headerUser } from './header-user';
import { JwtVerifier, profileFromClaims, unauthorized } from './jwt.verifier';
import { IS_PUBLIC } from './public.decorator';

/** What the caller presented: a key (x-api-key, or a bearer value), or nothing. */
interface Presented {
  /** The x-api-key header, or the value of `Authorization: Bearer <value>`. */
  secret?: string;
  /** True when the secret came from x-api-key (it can only be a key, never a JWT). */
  fromKeyHeader: boolean;
}

/**
 * Knows the caller before the rate limit and the handler run (a global guard; the first one),
 * and keeps `@AdminOnly()` routes to administrators (403 for anyone else).
 * AUTH_MODE=none: X-User-Id, else `anonymous` (as the seed), on every route. AUTH_MODE=jwt: a
 * verified bearer token's `sub`, except on `@Public()` routes; X-User-Id is ignored.
 * In every mode the bootstrap ADMIN_API_KEY (as a bearer or x-api-key) authenticates the admin.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verifier?: JwtVerifier;
  private readonly bootstrapKey?: BootstrapAdminKey;
  private readonly adminUserIds: ReadonlySet<string>;

  constructor(
    @Inject(PLATFORM_SETTINGS) private readonly settings: PlatformSettings,
    private readonly reflector: Reflector,
  ) {
    const { admin } = settings;
    if (admin.apiKey) this.bootstrapKey = new BootstrapAdminKey(admin.apiKey);
    // Production refuses a short or weak bootstrap key at config validation; elsewhere, say so.
    if (admin.apiKey && admin.apiKey.length < 32)
      new Logger('Auth').warn('ADMIN_API_KEY is shorter than 32 characters: too weak');
    this.adminUserIds = new Set(settings.authMode === 'none' ? admin.userIds : []);
    if (settings.authMode !== 'jwt') return;
    this.verifier = new JwtVerifier(settings.jwt);
    // Production refuses a short secret at config validation; elsewhere, say so.
    if (settings.jwt.secret && settings.jwt.secret.length < 32)
      new Logger('Auth').warn('JWT_SECRET is shorter than 32 characters: too weak for HS256');
  }

  /** True when the caller is known (or the route is public); else throws the 400/401/403/503. */
  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<RequestWithContext>();
    const isPublic = this.isPublic(context);
    if (isPublic && this.settings.authMode !== 'none') return true;
    req.user = await this.authenticate(req);
    if (!isPublic && this.isAdminOnly(context) && !req.user.isAdmin)
      throw new HttpProblem(403, 'forbidden', 'This route is for administrators only');
    return true;
  }

  private async authenticate(req: RequestWithContext): Promise<AuthenticatedUser> {
    const presented = presentedSecret(req);
    if (presented.secret !== undefined && this.bootstrapKey?.matches(presented.secret)) {
      addLogFields(req, { apiKeyId: 'bootstrap' });
      return { id: BOOTSTRAP_ADMIN_ID, isAdmin: true };
    }
    switch (this.settings.authMode) {
      case 'none': {
        if (presented.fromKeyHeader) throw invalidApiKey();
        const user = headerUser(headerOf(req, 'x-user-id'));
        return { ...user, isAdmin: this.adminUserIds.has(user.id) };
      }
      case 'api-key':
        if (presented.secret === undefined)
          throw unauthorized(
            'unauthorized',
            'An API key is required (Authorization: Bearer <key> or x-api-key: <key>)',
          );
        throw invalidApiKey();
      case 'jwt': {
        if (presented.fromKeyHeader) throw invalidApiKey();
        const { sub, claims } = await this.verifier!.verifyClaims(headerOf(req, 'authorization'));
        return {
          id: sub,
          isAdmin: claimsGrantAdmin(claims, this.settings.admin.claim),
          ...profileFromClaims(claims),
        };
      }
    }
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

/** The x-api-key header, else the bearer value of Authorization. */
function presentedSecret(req: RequestWithContext): Presented {
  const keyHeader = headerOf(req, 'x-api-key');
  if (keyHeader !== undefined) return { secret: keyHeader.trim(), fromKeyHeader: true };
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headerOf(req, 'authorization') ?? '');
  return { secret: bearer?.[1], fromKeyHeader: false };
}

/** 401 for a key that is malformed, unknown or revoked (which of these is not told). */
export function invalidApiKey(): HttpProblem {
  return unauthorized('invalid_api_key', 'The API key is not valid');
}
