/**
 * Production mode (NODE_ENV=production) refuses the conveniences that are right on a laptop and
 * wrong on a server: the embedded database, the silent mock model, an implicit auth mode, JWT
 * auth with nothing to verify tokens against, and a CORS wildcard (our CORS always allows
 * credentials). Each rule reads the raw environment: the schema's defaults would hide what the
 * operator did not set.
 */

/** `app`: everything the server needs. `migrations`: only what the migration entry point needs. */
export type ProductionScope = 'app' | 'migrations';

type RawEnvironment = Record<string, unknown>;

interface ProductionRule {
  scopes: readonly ProductionScope[];
  /** One line naming the variable(s) to fix, or undefined when the setting is fine. */
  check(env: RawEnvironment): string | undefined;
}

/** HS256 needs a key at least as long as the hash (RFC 7518, section 3.2): 256 bits. */
export const MIN_JWT_SECRET_LENGTH = 32;

/** The bootstrap admin key: as long as a strong HS256 secret, and not a repeated pattern. */
export const MIN_ADMIN_API_KEY_LENGTH = 32;
const MIN_ADMIN_API_KEY_DISTINCT_CHARACTERS = 12;

const value = (env: RawEnvironment, name: string): string | undefined => {
  const raw = env[name];
  if (raw === undefined || raw === null) return undefined;
  const text = String(raw).trim();
  return text === '' ? undefined : text;
};

const authMode = (env: RawEnvironment) => value(env, 'AUTH_MODE')?.toLowerCase();

export const PRODUCTION_RULES: readonly ProductionRule[] = [
  {
    scopes: ['app', 'migrations'],
    check: (env) =>
      value(env, 'DATABASE_URL')
        ? undefined
        : 'DATABASE_URL is not set: production needs an external PostgreSQL (the embedded one is for development only)',
  },
  {
    scopes: ['app'],
    check: (env) =>
      value(env, 'LLM_PROVIDER')
        ? undefined
        : 'LLM_PROVIDER is not set: choose bedrock, openai-compatible or mock explicitly (no silent mock in production)',
  },
  {
    scopes: ['app'],
    check: (env) =>
      authMode(env)
        ? undefined
        : 'AUTH_MODE is not set explicitly: set AUTH_MODE=jwt, or AUTH_MODE=none only behind a gateway that sets X-User-Id',
  },
  {
    scopes: ['app'],
    check: (env) => {
      if (authMode(env) !== 'jwt') return undefined;
      const secret = value(env, 'JWT_SECRET');
      if (!secret && !value(env, 'JWT_JWKS_URL')) {
        return 'AUTH_MODE=jwt needs JWT_SECRET (HS256) or JWT_JWKS_URL to verify tokens, and neither is set';
      }
      if (secret && secret.length < MIN_JWT_SECRET_LENGTH) {
        return `JWT_SECRET is ${secret.length} characters long: an HS256 secret needs at least ${MIN_JWT_SECRET_LENGTH} random characters`;
      }
      return undefined;
    },
  },
  {
    scopes: ['app'],
    check: (env) => {
      const key = value(env, 'ADMIN_API_KEY');
      if (!key) return undefined;
      if (key.length < MIN_ADMIN_API_KEY_LENGTH)
        return `ADMIN_API_KEY is ${key.length} characters long: the bootstrap admin key needs at least ${MIN_ADMIN_API_KEY_LENGTH} random characters`;
      if (new Set(key).size < MIN_ADMIN_API_KEY_DISTINCT_CHARACTERS)
        return `ADMIN_API_KEY is too weak (fewer than ${MIN_ADMIN_API_KEY_DISTINCT_CHARACTERS} distinct characters): use random bytes, e.g. openssl rand -base64 48`;
      return undefined;
    },
  },
  {
    scopes: ['app'],
    check: (env) =>
      value(env, 'ALLOWED_ORIGINS')?.includes('*')
        ? 'ALLOWED_ORIGINS contains "*": CORS allows credentials, so a wildcard would let any site call the API as the user; list the exact origins'
        : undefined,
  },
];

/** Every problem of the raw environment in production, one line each, naming the variable. */
export function productionProblems(env: RawEnvironment, scope: ProductionScope = 'app'): string[] {
  if (value(env, 'NODE_ENV') !== 'production') return [];
  return PRODUCTION_RULES.filter((rule) => rule.scopes.includes(scope)).flatMap((rule) => {
    const problem = rule.check(env);
    return problem ? [problem] : [];
  });
}
