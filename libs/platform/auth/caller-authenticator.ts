import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuthenticateApiKeyUseCase } from '../api-keys/application/authenticate-api-key.use-case';
import { API_KEY_PREFIX } from '../api-keys/domain/api-key';
import { PLATFORM_SETTINGS, PlatformSettings } from '../config/platform-settings';
import { HttpProblem } from '../http/error-envelope';
import {
  addLogFields,
  headerOf,
  type AuthenticatedUser,
  type RequestWithContext,
} from '../http/request-context';
import { BOOTSTRAP_ADMIN_ID, BootstrapAdminKey, claimsGrantAdmin } from './admin-role';
import { headerUser } from './header-user';
import { JwtVerifier, unauthorized } from './jwt.verifier';

/** What the caller presented: a key (x-api-key, or a bearer value), or nothing. */
interface Presented {
  /** The x-api-key header, or the value of `Authorization: Bearer <value>`. */
  secret?: string;
  /** True when the secret came from x-api-key (it can only be a key, never a JWT). */
  fromKeyHeader: boolean;
}

/**
 * Who a caller is, from the headers of an HTTP request or a WebSocket handshake.
 * AUTH_MODE=none: X-User-Id, else `anonymous` (as the seed). AUTH_MODE=jwt: a verified bearer
 * token's `sub`; X-User-Id is ignored. AUTH_MODE=api-key: API keys only. In every mode an API key
 * (`Authorization: Bearer sk-cb-...` or `x-api-key`) authenticates as its owner, and an invalid
 * one is 401; the bootstrap ADMIN_API_KEY authenticates the admin. Keys are logged by id, never
 * by value.
 */
@Injectable()
export class CallerAuthenticator {
  private readonly verifier?: JwtVerifier;
  private readonly bootstrapKey?: BootstrapAdminKey;
  private readonly adminUserIds: ReadonlySet<string>;

  constructor(
    @Inject(PLATFORM_SETTINGS) private readonly settings: PlatformSettings,
    private readonly apiKeys: AuthenticateApiKeyUseCase,
  ) {
    const { admin } = settings;
    if (admin.apiKey) this.bootstrapKey = new BootstrapAdminKey(admin.apiKey);
    // Production refuses a short or weak bootstrap key at config validation; elsewhere, say so.
    if (admin.apiKey && admin.apiKey.length < 32)
      new Logger('Auth').warn('ADMIN_API_KEY is shorter than 32 characters: too weak');
    this.adminUserIds = new Set(settings.authMode === 'none' ? admin.userIds : []);
    if (settings.authMode === 'api-key' && !admin.apiKey)
      new Logger('Auth').warn(
        'AUTH_MODE=api-key without ADMIN_API_KEY: existing keys work, but no one can manage keys',
      );
    if (settings.authMode !== 'jwt') return;
    this.verifier = new JwtVerifier(settings.jwt);
    // Production refuses a short secret at config validation; elsewhere, say so.
    if (settings.jwt.secret && settings.jwt.secret.length < 32)
      new Logger('Auth').warn('JWT_SECRET is shorter than 32 characters: too weak for HS256');
  }

  /** True when a caller must present a credential (every mode but none). */
  get needsCredential(): boolean {
    return this.settings.authMode !== 'none';
  }

  /** The caller of a request (or of a WebSocket handshake); throws the 400/401/503 otherwise. */
  async authenticate(req: RequestWithContext): Promise<AuthenticatedUser> {
    const presented = presentedSecret(req);
    if (presented.secret !== undefined && this.bootstrapKey?.matches(presented.secret)) {
      addLogFields(req, { apiKeyId: 'bootstrap' });
      return { id: BOOTSTRAP_ADMIN_ID, isAdmin: true };
    }
    if (
      presented.secret !== undefined &&
      (presented.fromKeyHeader || presented.secret.startsWith(API_KEY_PREFIX))
    )
      return this.byApiKey(req, presented.secret);
    switch (this.settings.authMode) {
      case 'none': {
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
        const { sub, claims } = await this.verifier!.verifyClaims(headerOf(req, 'authorization'));
        return { id: sub, isAdmin: claimsGrantAdmin(claims, this.settings.admin.claim) };
      }
    }
  }

  /** The key's owner, with the key's own limits noted on the request for the rate limit and budget. */
  private async byApiKey(req: RequestWithContext, secret: string): Promise<AuthenticatedUser> {
    const key = await this.apiKeys.execute(secret);
    if (!key) throw invalidApiKey();
    const { id, ownerId, requestsPerMinute, dailyTokenLimit } = key.toJSON();
    req.apiKey = { id, requestsPerMinute, dailyTokenLimit };
    addLogFields(req, { apiKeyId: id });
    return { id: ownerId, isAdmin: false, apiKeyId: id };
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
