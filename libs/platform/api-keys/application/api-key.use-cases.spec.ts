import { InMemoryApiKeyRepository, SteppingApiKeyCrypto } from '../testing/in-memory.api-keys';
import { CreateApiKeyUseCase, ListApiKeysUseCase, RevokeApiKeyUseCase } from './api-key.use-cases';
import {
  API_KEY_CACHE_MS,
  AuthenticateApiKeyUseCase,
  LAST_USED_RESOLUTION_MS,
} from './authenticate-api-key.use-case';

function setUp() {
  const keys = new InMemoryApiKeyRepository();
  const crypto = new SteppingApiKeyCrypto();
  return {
    keys,
    crypto,
    create: new CreateApiKeyUseCase(keys, crypto),
    list: new ListApiKeysUseCase(keys),
    revoke: new RevokeApiKeyUseCase(keys, crypto),
    authenticate: new AuthenticateApiKeyUseCase(keys, crypto),
  };
}

describe('API key use cases', () => {
  it('creates a key: the secret is returned once, only its hash is stored', async () => {
    const { create, keys } = setUp();
    const { key, secret } = await create.execute({
      ownerId: 'alice',
      name: 'ci',
      requestsPerMinute: 30,
    });
    expect(secret).toMatch(/^sk-cb-[A-Za-z0-9_-]{43}$/);
    const stored = keys.rows.get(key.id)!;
    expect(stored).toMatchObject({
      ownerId: 'alice',
      name: 'ci',
      requestsPerMinute: 30,
      dailyTokenLimit: null,
      prefix: secret.slice(0, 12),
    });
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(secret.slice(12));
  });

  it('gives every key a different secret', async () => {
    const { create } = setUp();
    const secrets = await Promise.all(
      Array.from({ length: 20 }, () => create.execute({ ownerId: 'a', name: 'n' })),
    );
    expect(new Set(secrets.map((s) => s.secret)).size).toBe(20);
  });

  it('lists newest first', async () => {
    const { create, list, crypto } = setUp();
    await create.execute({ ownerId: 'a', name: 'first' });
    crypto.advance(1000);
    await create.execute({ ownerId: 'b', name: 'second' });
    expect((await list.execute()).map((k) => k.toJSON().name)).toEqual(['second', 'first']);
  });

  it('authenticates a stored key, and refuses malformed, unknown and revoked ones', async () => {
    const { create, revoke, authenticate, crypto } = setUp();
    const { key, secret } = await create.execute({ ownerId: 'alice', name: 'ci' });
    expect((await authenticate.execute(secret))?.ownerId).toBe('alice');
    expect(await authenticate.execute('sk-cb-short')).toBeUndefined();
    expect(await authenticate.execute(`${secret}x`)).toBeUndefined();
    expect(await authenticate.execute(crypto.newSecret())).toBeUndefined();
    expect(await revoke.execute(key.id)).toBeDefined();
    authenticate.forget(key.id);
    expect(await authenticate.execute(secret)).toBeUndefined();
  });

  it('trusts a looked-up key for at most API_KEY_CACHE_MS: a revocation elsewhere holds after it', async () => {
    const { create, keys, crypto } = setUp();
    const replicaA = new RevokeApiKeyUseCase(keys, crypto);
    const replicaB = new AuthenticateApiKeyUseCase(keys, crypto);
    const { key, secret } = await create.execute({ ownerId: 'alice', name: 'ci' });
    await replicaB.execute(secret);
    await replicaA.execute(key.id);
    crypto.advance(API_KEY_CACHE_MS - 1);
    expect(await replicaB.execute(secret)).toBeDefined();
    crypto.advance(2);
    expect(await replicaB.execute(secret)).toBeUndefined();
    expect(API_KEY_CACHE_MS).toBeLessThanOrEqual(1000);
  });

  it('revoking is idempotent (keeps the first time) and unknown ids give undefined', async () => {
    const { create, revoke, crypto } = setUp();
    const { key } = await create.execute({ ownerId: 'alice', name: 'ci' });
    const first = (await revoke.execute(key.id))!.toJSON().revokedAt;
    crypto.advance(5000);
    expect((await revoke.execute(key.id))!.toJSON().revokedAt).toEqual(first);
    expect(await revoke.execute('00000000-0000-7000-8000-999999999999')).toBeUndefined();
  });

  it('writes lastUsedAt off the request path, at most once a minute per key', async () => {
    const { create, authenticate, keys, crypto } = setUp();
    const { key, secret } = await create.execute({ ownerId: 'alice', name: 'ci' });
    for (let i = 0; i < 5; i++) {
      await authenticate.execute(secret);
      crypto.advance(1000);
    }
    expect(keys.rows.get(key.id)!.lastUsedAt).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(keys.markUsedCalls).toHaveLength(1);
    expect(keys.rows.get(key.id)!.lastUsedAt).toEqual(new Date('2026-12-04T11:00:00.000Z'));
    crypto.advance(LAST_USED_RESOLUTION_MS);
    await authenticate.execute(secret);
    await authenticate.flushUse();
    expect(keys.markUsedCalls).toHaveLength(2);
  });
});
