import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ApiKeyRepository } from '../application/api-key.ports';
import type { ApiKey } from '../domain/api-key';
import { ApiKeyRecord, toApiKey, toApiKeyRecord } from './api-key.record';

/** `api_keys` through the EntityManager (a fork per call: no request context is entered). */
@Injectable()
export class MikroOrmApiKeyRepository extends ApiKeyRepository {
  constructor(private readonly orm: MikroORM) {
    super();
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  async insert(key: ApiKey): Promise<void> {
    await this.em().insert(ApiKeyRecord, toApiKeyRecord(key));
  }

  async findById(id: string): Promise<ApiKey | undefined> {
    const record = await this.em().findOne(ApiKeyRecord, { id });
    return record ? toApiKey(record) : undefined;
  }

  async findByHash(hash: string): Promise<ApiKey | undefined> {
    const record = await this.em().findOne(ApiKeyRecord, { keyHash: hash });
    return record ? toApiKey(record) : undefined;
  }

  async list(): Promise<ApiKey[]> {
    const records = await this.em().find(
      ApiKeyRecord,
      {},
      { orderBy: { createdAt: 'desc', id: 'desc' } },
    );
    return records.map(toApiKey);
  }

  async saveRevocation(key: ApiKey): Promise<void> {
    await this.em().nativeUpdate(
      ApiKeyRecord,
      { id: key.id, revokedAt: null },
      { revokedAt: key.toJSON().revokedAt },
    );
  }

  async markUsed(usedAt: ReadonlyMap<string, Date>): Promise<void> {
    const em = this.em();
    // A handful of keys per minute per replica: one update each, never moving the time back.
    for (const [id, at] of usedAt) {
      await em.nativeUpdate(
        ApiKeyRecord,
        { id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: at } }] },
        { lastUsedAt: at },
      );
    }
  }
}
