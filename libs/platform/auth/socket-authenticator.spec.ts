import type { IncomingMessage } from 'node:http';
import { SignJWT } from 'jose';
import type { PlatformSettings } from '../config/platform-settings';
import { HttpProblem } from '../http/error-envelope';
import { AuthenticateApiKeyUseCase } from '../api-keys/application/authenticate-api-key.use-case';
import { CallerAuthenticator } from './caller-authenticator';
import { SocketAuthenticator } from './socket-authenticator';

const SECRET = 'test-secret-that-is-at-least-32-characters-long';
const token = (sub: string) => {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub, iat: now, exp: now + 300 })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(SECRET));
};
const settings = (authMode: 'none' | 'jwt') =>
  ({
    authMode,
    jwt: { secret: SECRET, algorithm: 'HS256' },
    admin: { claim: 'roles', userIds: [] },
  }) as unknown as PlatformSettings;
const noKeys = { execute: async () => null } as unknown as AuthenticateApiKeyUseCase;
const authenticator = (authMode: 'none' | 'jwt') =>
  new SocketAuthenticator(new CallerAuthenticator(settings(authMode), noKeys));
const handshake = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('SocketAuthenticator', () => {
  it('AUTH_MODE=none: X-User-Id, else anonymous; a bad id is a 400', async () => {
    const auth = authenticator('none');
    expect(auth.needsToken).toBe(false);
    expect(await auth.fromHandshake(handshake({ 'x-user-id': 'alice' }))).toEqual({
      id: 'alice',
      isAdmin: false,
    });
    expect(await auth.fromHandshake(handshake({}))).toEqual({ id: 'anonymous', isAdmin: false });
    await expect(auth.fromHandshake(handshake({ 'x-user-id': 'a b' }))).rejects.toMatchObject({
      status: 400,
    });
  });

  it('AUTH_MODE=jwt: a token from the sub-protocols or Authorization; none yet: null', async () => {
    const auth = authenticator('jwt');
    expect(auth.needsToken).toBe(true);
    const protocol = { 'sec-websocket-protocol': `bearer, ${await token('bob')}` };
    expect(await auth.fromHandshake(handshake(protocol))).toEqual({ id: 'bob', isAdmin: false });
    const header = { authorization: `Bearer ${await token('carol')}` };
    expect(await auth.fromHandshake(handshake(header))).toEqual({ id: 'carol', isAdmin: false });
    expect(
      await auth.fromHandshake(
        handshake({ 'x-user-id': 'alice', 'sec-websocket-protocol': 'chat' }),
      ),
    ).toBeNull();
    expect(await auth.fromToken(await token('dave'))).toEqual({ id: 'dave', isAdmin: false });
  });

  it('AUTH_MODE=jwt: a bad token is the 401 the HTTP guard answers', async () => {
    const auth = authenticator('jwt');
    const refused = auth.fromHandshake(handshake({ 'sec-websocket-protocol': 'bearer, nope' }));
    await expect(refused).rejects.toBeInstanceOf(HttpProblem);
    await expect(refused).rejects.toMatchObject({ status: 401, code: 'invalid_token' });
  });
});
