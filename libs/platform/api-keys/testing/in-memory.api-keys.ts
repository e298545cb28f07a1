import { createHash, randomBytes } from 'node:crypto';
import { ApiKeyCrypto, ApiKeyRepository } from '../application/api-key.ports';
import { ApiKey } from '../domain/api-key';

/** API keys in a Map, for unit specs of the use cases. */
export class InMemoryApiKeyRepository extends ApiKeyRepository {
  readonly rows = new Map<string, ReturnType<ApiKey['toJSON']>>();
  lookups = 0;
  markUsedCalls: Map<string, Date>[] = [];

  async insert(key: ApiKey): Promise<void> {
    this.rows.set(key.id, key.toJSON());
  }
  async findById(id: string): Promise<ApiKey | undefined> {
    const row = this.rows.get(id);
    return row ? ApiKey.restore(row) : undefined;
  }
  async findByHash(hash: string): Promise<ApiKey | undefined> {
    this.lookups++;
    const row = [...this.rows.values()].find((r) => r.hash === hash);
    return row ? ApiKey.restore(row) : undefined;
  }
  async list(): Promise<ApiKey[]> {
    return [...this.rows.values()]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((row) => ApiKey.restore(row));
  }
  async saveRevocation(key: ApiKey): Promise<void> {
    this.rows.set(key.id, key.toJSON());
  }
  async markUsed(usedAt: ReadonlyMap<string, Date>): Promise<void> {
    this.markUsedCalls.push(new Map(usedAt));
    for (const [id, at] of usedAt) {
      const row = this.rows.get(id);
      if (row) this.rows.set(id, { ...row, lastUsedAt: at });
    }
  }
}

/** Real randomness and hashing, with a clock the spec moves. */
export class SteppingApiKeyCrypto extends ApiKeyCrypto {
  private ids = 0;
  time = new Date('2026-12-04T11:00:00.000Z');

  newId(): string {
    return `00000000-0000-7000-8000-${String(++this.ids).padStart(12, '0')}`;
  }
  newSecret(): string {
    return `sk-cb-${randomBytes(32).toString('base64url')}`;
  }
  hash(secret: string): string {
    return createHash('sha256').update(secret).digest('hex');
  }
  sameHash(a: string, b: string): boolean {
    return a === b;
  }
  now(): Date {
    return this.time;
  }
  advance(ms: number): void {
    this.time = new Date(this.time.getTime() + ms);
  }
}
