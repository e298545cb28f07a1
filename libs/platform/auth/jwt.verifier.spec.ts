import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { HttpProblem } from '../http/error-envelope';
import { JwtVerifier } from './jwt.verifier';

const SECRET = 'test-secret-that-is-at-least-32-characters-long';
const key = new TextEncoder().encode(SECRET);
const hs256 = (claims: Record<string, unknown> = {}, secret = key) => {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: 'alice', iat: now, exp: now + 300, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(secret);
};

async function problemOf(promise: Promise<unknown>): Promise<HttpProblem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected a problem');
}

describe('JwtVerifier', () => {
  const verifier = new JwtVerifier({
    secret: SECRET,
    algorithm: 'HS256',
    issuer: 'https://issuer.test',
    audience: 'chat-api',
  });
  const good = (claims: Record<string, unknown> = {}) =>
    hs256({ iss: 'https://issuer.test', aud: 'chat-api', ...claims });

  it('returns the sub of a good HS256 token', async () => {
    expect(await verifier.verify(`Bearer ${await good()}`)).toBe('alice');
  });

  it('allows 30 s of clock skew, not more', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await verifier.verify(`Bearer ${await good({ exp: now - 20 })}`)).toBe('alice');
    const late = await problemOf(verifier.verify(`Bearer ${await good({ exp: now - 120 })}`));
    expect(late).toMatchObject({ status: 401, code: 'token_expired' });
  });

  it.each([
    ['missing', async () => undefined, 'unauthorized'],
    ['not bearer', async () => 'Basic dXNlcjpwYXNz', 'unauthorized'],
    ['garbage', async () => 'Bearer not-a-jwt', 'invalid_token'],
    ['garbage with dots', async () => 'Bearer a.b.c', 'invalid_token'],
    [
      'wrong signature',
      async () => `Bearer ${await hs256({}, new TextEncoder().encode('x'.repeat(40)))}`,
      'invalid_token',
    ],
    [
      'alg none',
      async () =>
        `Bearer ${new UnsecuredJWT({ sub: 'alice', iss: 'https://issuer.test', aud: 'chat-api' }).setExpirationTime('5m').encode()}`,
      'invalid_token',
    ],
    [
      'wrong issuer',
      async () => `Bearer ${await good({ iss: 'https://evil.test' })}`,
      'invalid_token',
    ],
    ['wrong audience', async () => `Bearer ${await good({ aud: 'other' })}`, 'invalid_token'],
    [
      'no exp',
      async () =>
        `Bearer ${await new SignJWT({ iss: 'https://issuer.test', aud: 'chat-api' }).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').sign(key)}`,
      'invalid_token',
    ],
    ['unusable sub', async () => `Bearer ${await good({ sub: 'has spaces' })}`, 'invalid_token'],
  ])('refuses a %s token with 401 and WWW-Authenticate', async (_name, header, code) => {
    const problem = await problemOf(verifier.verify(await header()));
    expect(problem).toMatchObject({ status: 401, code });
    expect(problem.headers['WWW-Authenticate']).toMatch(/^Bearer realm="api"/);
  });

  it('refuses to start without a secret or a JWKS URL', () => {
    expect(() => new JwtVerifier({ algorithm: 'HS256' })).toThrow('JWT_SECRET');
  });

  describe('with a JWKS', () => {
    let server: Server;
    let url: string;
    let sign: (alg?: string) => Promise<string>;
    beforeAll(async () => {
      const { publicKey, privateKey } = await generateKeyPair('RS256');
      const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      server = createServer((_req, res) => {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      sign = () =>
        new SignJWT({})
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setSubject('bob')
          .setExpirationTime('5m')
          .sign(privateKey);
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('verifies RS256 tokens against the key set, and refuses HS256 ones', async () => {
      const jwks = new JwtVerifier({ algorithm: 'HS256', jwksUrl: url });
      expect(await jwks.verify(`Bearer ${await sign()}`)).toBe('bob');
      const hs = await problemOf(jwks.verify(`Bearer ${await hs256()}`));
      expect(hs).toMatchObject({ status: 401, code: 'invalid_token' });
    });

    it('answers 503 (not 401) when the key set cannot be fetched', async () => {
      const down = new JwtVerifier({ algorithm: 'RS256', jwksUrl: 'http://127.0.0.1:1/jwks.json' });
      const problem = await problemOf(down.verify(`Bearer ${await sign()}`));
      expect(problem).toMatchObject({ status: 503, code: 'auth_unavailable' });
    });
  });
});
