import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { PLATFORM_SETTINGS, PlatformSettings } from '../config/platform-settings';
import type { AuthenticatedUser } from '../http/request-context';
import { headerUser } from './header-user';
import { JwtVerifier } from './jwt.verifier';

/** The sub-protocol a browser names before its token: `new WebSocket(url, ['bearer', token])`. */
export const BEARER_PROTOCOL = 'bearer';

/**
 * Knows the caller of a WebSocket as AuthGuard knows an HTTP caller (same modes, same verifier).
 * AUTH_MODE=none: X-User-Id, else `anonymous`. AUTH_MODE=jwt: a bearer token from the handshake
 * (`Sec-WebSocket-Protocol: bearer, <token>`, or `Authorization: Bearer` from non-browser
 * clients) or from the socket's first frame. Failures throw the HttpProblem the guard would.
 */
@Injectable()
export class SocketAuthenticator {
  private readonly verifier?: JwtVerifier;

  constructor(@Inject(PLATFORM_SETTINGS) settings: PlatformSettings) {
    if (settings.authMode === 'jwt') this.verifier = new JwtVerifier(settings.jwt);
  }

  /** True when the caller must prove who they are (AUTH_MODE=jwt). */
  get needsToken(): boolean {
    return this.verifier !== undefined;
  }

  /** The caller known from the handshake; null when a token must still come in the first frame. */
  async fromHandshake(req: IncomingMessage): Promise<AuthenticatedUser | null> {
    if (!this.verifier) return headerUser(single(req.headers['x-user-id']));
    const token = protocolToken(single(req.headers['sec-websocket-protocol']));
    if (token) return this.fromToken(token);
    const authorization = single(req.headers.authorization);
    if (authorization) return { id: await this.verifier.verify(authorization) };
    return null;
  }

  /** The caller of a bearer token (a JWT). */
  async fromToken(token: string): Promise<AuthenticatedUser> {
    if (!this.verifier) throw new Error('tokens are only read in AUTH_MODE=jwt');
    return { id: await this.verifier.verify(`Bearer ${token}`) };
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `bearer, <token>` in the offered sub-protocols: the token. */
function protocolToken(header: string | undefined): string | null {
  const offered = (header ?? '').split(',').map((p) => p.trim());
  const at = offered.indexOf(BEARER_PROTOCOL);
  return at >= 0 && offered[at + 1] ? offered[at + 1] : null;
}
