import type { ApiKey } from '../domain/api-key';

/** Stored API keys. Also the DI token. */
export abstract class ApiKeyRepository {
  abstract insert(key: ApiKey): Promise<void>;
  abstract findById(id: string): Promise<ApiKey | undefined>;
  /** The key whose hash this is, revoked or not. */
  abstract findByHash(hash: string): Promise<ApiKey | undefined>;
  /** Every key, newest first. */
  abstract list(): Promise<ApiKey[]>;
  abstract saveRevocation(key: ApiKey): Promise<void>;
  /** Notes when each key was last used (one write for many keys). */
  abstract markUsed(usedAt: ReadonlyMap<string, Date>): Promise<void>;
}

/** Randomness, hashing and time for keys. Also the DI token. */
export abstract class ApiKeyCrypto {
  abstract newId(): string;
  /** A new key: the prefix plus 256 random bits. */
  abstract newSecret(): string;
  abstract hash(secret: string): string;
  /** Compares two hashes in constant time. */
  abstract sameHash(a: string, b: string): boolean;
  abstract now(): Date;
}
