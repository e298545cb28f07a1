import { MIN_JWT_SECRET_LENGTH, productionProblems } from './production-rules';
import { ConfigurationError, validateEnvironment } from './env.validation';

/** A production environment that passes every rule; each test breaks one thing. */
const SAFE = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app@db.internal:5432/chat',
  LLM_PROVIDER: 'bedrock',
  AUTH_MODE: 'jwt',
  JWT_SECRET: 'x'.repeat(MIN_JWT_SECRET_LENGTH),
  ALLOWED_ORIGINS: '["https://chat.example.com"]',
};

function without(name: keyof typeof SAFE): Record<string, string> {
  const env: Record<string, string> = { ...SAFE };
  delete env[name];
  return env;
}

function messageOf(env: Record<string, unknown>): string {
  try {
    validateEnvironment(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('validateEnvironment accepted the environment');
}

describe('production rules', () => {
  it('accept a complete, safe production environment', () => {
    expect(productionProblems(SAFE)).toEqual([]);
    expect(() => validateEnvironment(SAFE)).not.toThrow();
  });

  it('do not apply outside production', () => {
    expect(productionProblems({ NODE_ENV: 'development' })).toEqual([]);
    expect(productionProblems({})).toEqual([]);
    expect(() => validateEnvironment({ NODE_ENV: 'test', ALLOWED_ORIGINS: '*' })).not.toThrow();
  });

  it('DATABASE_URL: required (no embedded database in production)', () => {
    expect(productionProblems(without('DATABASE_URL'))).toEqual([
      expect.stringMatching(/^DATABASE_URL is not set: .*external PostgreSQL/),
    ]);
    expect(productionProblems({ ...SAFE, DATABASE_URL: '   ' })).toHaveLength(1);
  });

  it('LLM_PROVIDER: required (no silent mock), an explicit mock is allowed', () => {
    expect(productionProblems(without('LLM_PROVIDER'))).toEqual([
      expect.stringMatching(/^LLM_PROVIDER is not set: .*no silent mock/),
    ]);
    expect(productionProblems({ ...SAFE, LLM_PROVIDER: 'mock' })).toEqual([]);
  });

  it('AUTH_MODE: must be set explicitly, even to the schema default "none"', () => {
    expect(productionProblems(without('AUTH_MODE'))).toEqual([
      expect.stringMatching(/^AUTH_MODE is not set explicitly/),
    ]);
    expect(productionProblems({ ...without('JWT_SECRET'), AUTH_MODE: 'none' })).toEqual([]);
  });

  it('AUTH_MODE=jwt: needs JWT_SECRET or JWT_JWKS_URL', () => {
    expect(productionProblems(without('JWT_SECRET'))).toEqual([
      expect.stringMatching(/^AUTH_MODE=jwt needs JWT_SECRET .* or JWT_JWKS_URL/),
    ]);
    const jwks = { ...without('JWT_SECRET'), JWT_JWKS_URL: 'https://idp.example.com/jwks.json' };
    expect(productionProblems(jwks)).toEqual([]);
  });

  it('AUTH_MODE=jwt: an HS256 secret shorter than 256 bits is refused', () => {
    expect(productionProblems({ ...SAFE, JWT_SECRET: 'your-secret-key' })).toEqual([
      expect.stringMatching(/^JWT_SECRET is 15 characters long: .*at least 32/),
    ]);
  });

  it('ALLOWED_ORIGINS: no wildcard, in any of its forms (credentials are always allowed)', () => {
    for (const origins of ['*', '["*"]', 'https://a.example.com,*', 'https://*.example.com']) {
      expect(productionProblems({ ...SAFE, ALLOWED_ORIGINS: origins })).toEqual([
        expect.stringMatching(/^ALLOWED_ORIGINS contains "\*"/),
      ]);
    }
    expect(productionProblems(without('ALLOWED_ORIGINS'))).toEqual([]);
  });

  it('the migrations scope only needs DATABASE_URL', () => {
    expect(productionProblems({ NODE_ENV: 'production' }, 'migrations')).toEqual([
      expect.stringMatching(/^DATABASE_URL/),
    ]);
    expect(() =>
      validateEnvironment(
        { NODE_ENV: 'production', DATABASE_URL: SAFE.DATABASE_URL },
        'migrations',
      ),
    ).not.toThrow();
  });

  it('ADMIN_API_KEY: refused when shorter than 32 characters or a weak pattern', () => {
    expect(productionProblems({ ...SAFE, ADMIN_API_KEY: 'admin-key-short' })).toEqual([
      expect.stringMatching(/^ADMIN_API_KEY is 15 characters long: .*at least 32/),
    ]);
    expect(productionProblems({ ...SAFE, ADMIN_API_KEY: 'ab'.repeat(20) })).toEqual([
      expect.stringMatching(/^ADMIN_API_KEY is too weak/),
    ]);
    const strong = 'pQ7v2LxR9s-T4mZk8WcYb1NdHf5Ge3Ja6Uo0';
    expect(productionProblems({ ...SAFE, ADMIN_API_KEY: strong })).toEqual([]);
    expect(productionProblems({ ...SAFE, AUTH_MODE: 'api-key', ADMIN_API_KEY: strong })).toEqual(
      [],
    );
    expect(() => validateEnvironment({ ...SAFE, ADMIN_API_KEY: 'short' })).toThrow(
      /ADMIN_API_KEY is 5 characters long/,
    );
  });

  it('start-up stops with ONE message naming every missing or unsafe setting', () => {
    const message = messageOf({ NODE_ENV: 'production', ALLOWED_ORIGINS: '*', AUTH_MODE: 'jwt' });
    expect(message).toMatch(/^Missing or unsafe settings for NODE_ENV=production:\n/);
    for (const name of ['DATABASE_URL', 'LLM_PROVIDER', 'JWT_SECRET', 'ALLOWED_ORIGINS']) {
      expect(message).toContain(name);
    }
    expect(message.split('\n')).toHaveLength(5);
  });

  it('reports bad values and production problems together', () => {
    const message = messageOf({ ...without('LLM_PROVIDER'), PORT: 'eighty' });
    expect(message).toMatch(
      /^Invalid configuration:\n {2}PORT="eighty": .*\nMissing or unsafe settings for NODE_ENV=production:\n {2}LLM_PROVIDER/,
    );
  });
});
