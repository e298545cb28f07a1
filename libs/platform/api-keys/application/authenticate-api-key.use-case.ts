import { Injectable } from '@nestjs/common';
import { ApiKey, isWellFormedApiKey } from '../domain/api-key';
import { ApiKeyCrypto, ApiKeyRepository } from './api-key.ports';

/**
 * How long a replica may go on trusting a key it has just looked up. Revocation is a write to
 * the shared database, so it holds on every replica within this time (well under a second),
 * while a busy key costs at most two lookups a second per replica.
 */
export const API_KEY_CACHE_MS = 500;
/** lastUsedAt is written at most once per key per this period. */
export const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_CACHED_KEYS = 10_000;

/**
 * The key a presented secret belongs to, when it is well formed, stored and not revoked.
 * Lookup is by hash, and the stored hash is compared again in constant time. Notes the use for
 * `lastUsedAt` and writes it later, off the request path.
 */
@Injectable()
export class AuthenticateApiKeyUseCase {
  private readonly cache = new Map<string, { key: ApiKey; until: number }>();
  private readonly lastNoted = new Map<string, number>();
  private pendingUse = new Map<string, Date>();
  private flushing = false;

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly crypto: ApiKeyCrypto,
  ) {}

  async execute(secret: string): Promise<ApiKey | undefined> {
    if (!isWellFormedApiKey(secret)) return undefined;
    const hash = this.crypto.hash(secret);
    const now = this.crypto.now();
    const key = await this.lookUp(hash, now.getTime());
    if (!key || key.isRevoked || !this.crypto.sameHash(key.hash, hash)) return undefined;
    this.noteUse(key.id, now);
    return key;
  }

  /** Drops a key from this replica's cache at once (the revoking replica needs no wait). */
  forget(keyId: string): void {
    for (const [hash, entry] of this.cache) if (entry.key.id === keyId) this.cache.delete(hash);
  }

  /** Writes the pending lastUsedAt notes now (tests, shutdown). */
  async flushUse(): Promise<void> {
    if (this.pendingUse.size === 0) return;
    const batch = this.pendingUse;
    this.pendingUse = new Map();
    await this.keys.markUsed(batch).catch(() => undefined);
  }

  private async lookUp(hash: string, nowMs: number): Promise<ApiKey | undefined> {
    const cached = this.cache.get(hash);
    if (cached && cached.until > nowMs) return cached.key;
    const key = await this.keys.findByHash(hash);
    if (this.cache.size >= MAX_CACHED_KEYS) this.cache.clear();
    if (key && !key.isRevoked) this.cache.set(hash, { key, until: nowMs + API_KEY_CACHE_MS });
    else this.cache.delete(hash);
    return key;
  }

  private noteUse(keyId: string, now: Date): void {
    const last = this.lastNoted.get(keyId);
    if (last !== undefined && now.getTime() - last < LAST_USED_RESOLUTION_MS) return;
    if (this.lastNoted.size >= MAX_CACHED_KEYS) this.lastNoted.clear();
    this.lastNoted.set(keyId, now.getTime());
    this.pendingUse.set(keyId, now);
    if (this.flushing) return;
    this.flushing = true;
    // After the response is on its way: the write never delays or fails a request.
    setTimeout(() => {
      this.flushing = false;
      void this.flushUse();
    }, 0).unref();
  }
}
