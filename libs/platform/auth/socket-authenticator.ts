import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { AuthenticatedUser, RequestWithContext } from '../http/request-context';
import { CallerAuthenticator } from './caller-authenticator';

/** The sub-protocol a browser names before its token: `new WebSocket(url, ['bearer', token])`. */
export const BEARER_PROTOCOL = 'bearer';

/**
 * Knows the caller of a WebSocket as AuthGuard knows an HTTP caller (same modes, same JWT
 * verifier, same API keys and admin role). A browser cannot set headers on a WebSocket, so a
 * token (a JWT or an API key) may also come as the sub-protocols `bearer, <token>`, or in the
 * socket's first frame. Failures throw the HttpProblem the guard would.
 */
@Injectable()
export class SocketAuthenticator {
  constructor(private readonly callers: CallerAuthenticator) {}

  /** True when the caller must prove who they are (every AUTH_MODE but none). */
  get needsToken(): boolean {
    return this.callers.needsCredential;
  }

  /** The caller known from the handshake; null when a token must still come in the first frame. */
  async fromHandshake(req: IncomingMessage): Promise<AuthenticatedUser | null> {
    const token = protocolToken(single(req.headers['sec-websocket-protocol']));
    if (token) return this.fromToken(token);
    const { authorization } = req.headers;
    if (!this.needsToken || authorization || req.headers['x-api-key'])
      return this.callers.authenticate(req as RequestWithContext);
    return null;
  }

  /** The caller of a bearer token (a JWT or an API key). */
  fromToken(token: string): Promise<AuthenticatedUser> {
    const headers = { authorization: `Bearer ${token}` };
    return this.callers.authenticate({ headers } as unknown as RequestWithContext);
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
