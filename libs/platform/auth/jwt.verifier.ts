import {
  createRemoteJWKSet,
  errors,
  JWTPayload,
  JWTVerifyGetKey,
  jwtVerify,
  type JWTHeaderParameters,
  type FlattenedJWSInput,
} from 'jose';
import { HttpProblem } from '../http/error-envelope';
import type { PlatformSettings } from '../config/platform-settings';
import { USER_ID_PATTERN } from './header-user';

const HMAC = ['HS256', 'HS384', 'HS512'];
const ASYMMETRIC = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
/** Seconds of clock skew allowed between us and the token issuer. */
export const CLOCK_TOLERANCE_S = 30;

/** A 401 that tells the client how to authenticate (RFC 6750). */
export function unauthorized(code: string, message: string): HttpProblem {
  const header =
    code === 'unauthorized'
      ? 'Bearer realm="api"'
      : `Bearer realm="api", error="invalid_token", error_description="${message.replace(/"/g, "'")}"`;
  return new HttpProblem(401, code, message, undefined, { 'WWW-Authenticate': header });
}

/**
 * Verifies bearer tokens with jose: HMAC with JWT_SECRET, or RS/ES/PS/EdDSA keys from
 * JWT_JWKS_URL (both may be set: the token's `alg` picks). `alg: none` is never accepted;
 * `sub` and `exp` are required; issuer and audience are checked when configured.
 */
export class JwtVerifier {
  private readonly algorithms: string[];
  private readonly getKey: JWTVerifyGetKey;

  constructor(private readonly jwt: PlatformSettings['jwt']) {
    const secret = jwt.secret ? new TextEncoder().encode(jwt.secret) : undefined;
    const jwks = jwt.jwksUrl
      ? createRemoteJWKSet(new URL(jwt.jwksUrl), { timeoutDuration: 3000, cooldownDuration: 30000 })
      : undefined;
    if (!secret && !jwks)
      throw new Error('AUTH_MODE=jwt needs JWT_SECRET (HS256) or JWT_JWKS_URL (RS256/ES256)');
    const configured = jwt.algorithm
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    const hmac = secret ? configured.filter((a) => HMAC.includes(a)) : [];
    const asymmetric = jwks ? configured.filter((a) => ASYMMETRIC.includes(a)) : [];
    // The default JWT_ALGORITHM is HS256; with a JWKS and no asymmetric choice, take RS256/ES256.
    this.algorithms = [
      ...(secret && !hmac.length ? ['HS256'] : hmac),
      ...(jwks && !asymmetric.length ? ['RS256', 'ES256'] : asymmetric),
    ];
    this.getKey = async (header: JWTHeaderParameters, token: FlattenedJWSInput) => {
      if (HMAC.includes(header.alg) && secret) return secret;
      if (jwks) {
        try {
          return await jwks(header, token);
        } catch (error) {
          if (isKeyMismatch(error)) throw error;
          throw new KeySetUnavailable(error);
        }
      }
      throw new errors.JOSEAlgNotAllowed(`"alg" (Algorithm) Header Parameter value not allowed`);
    };
  }

  /** Verifies an `Authorization` header value; returns the user id or throws a 401 HttpProblem. */
  async verify(authorization: string | undefined): Promise<string> {
    return (await this.verifyClaims(authorization)).sub;
  }

  /** `verify`, also returning the token's verified claims (for the admin role). */
  async verifyClaims(
    authorization: string | undefined,
  ): Promise<{ sub: string; claims: JWTPayload }> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match)
      throw unauthorized(
        'unauthorized',
        'A bearer token is required (Authorization: Bearer <jwt>)',
      );
    try {
      const { payload } = await jwtVerify(match[1], this.getKey, {
        algorithms: this.algorithms,
        issuer: this.jwt.issuer,
        audience: this.jwt.audience,
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['sub', 'exp'],
      });
      if (typeof payload.sub !== 'string' || !USER_ID_PATTERN.test(payload.sub))
        throw unauthorized('invalid_token', 'The token subject is not a usable user id');
      return { sub: payload.sub, claims: payload };
    } catch (error) {
      throw toProblem(error);
    }
  }
}

/** The JWKS could not be fetched or read: our problem, not a bad token. */
class KeySetUnavailable extends Error {
  constructor(cause: unknown) {
    super('JWKS unavailable', { cause });
  }
}

const isKeyMismatch = (error: unknown) =>
  error instanceof errors.JWKSNoMatchingKey ||
  error instanceof errors.JWKSMultipleMatchingKeys ||
  error instanceof errors.JOSEAlgNotAllowed ||
  error instanceof errors.JOSENotSupported;

function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof errors.JWTExpired)
    return unauthorized('token_expired', 'The token has expired');
  if (error instanceof KeySetUnavailable)
    // A 401 here would make clients throw away a good token.
    return new HttpProblem(
      503,
      'auth_unavailable',
      'Token keys cannot be fetched right now',
      undefined,
      {
        'Retry-After': '5',
      },
    );
  if (error instanceof errors.JWTClaimValidationFailed)
    return unauthorized('invalid_token', `The token's "${error.claim}" claim is not valid`);
  return unauthorized('invalid_token', 'The token is malformed or its signature is not valid');
}
