import { EntitySchema } from '@mikro-orm/core';
import { ApiKey } from '../domain/api-key';

/** Row shape of `api_keys`; the key itself is never a column, only its hash. */
export class ApiKeyRecord {
  id!: string;
  ownerId!: string;
  name!: string;
  prefix!: string;
  keyHash!: string;
  requestsPerMinute!: number | null;
  dailyTokenLimit!: number | null;
  createdAt!: Date;
  lastUsedAt!: Date | null;
  revokedAt!: Date | null;
}

export const ApiKeySchema = new EntitySchema<ApiKeyRecord>({
  class: ApiKeyRecord,
  tableName: 'api_keys',
  properties: {
    id: { type: 'uuid', primary: true },
    ownerId: { type: 'string', fieldName: 'owner_id' },
    name: { type: 'string' },
    prefix: { type: 'string' },
    keyHash: { type: 'string', fieldName: 'key_hash' },
    requestsPerMinute: { type: 'integer', nullable: true, fieldName: 'requests_per_minute' },
    dailyTokenLimit: { type: 'integer', nullable: true, fieldName: 'daily_token_limit' },
    createdAt: { type: 'datetime', fieldName: 'created_at' },
    lastUsedAt: { type: 'datetime', nullable: true, fieldName: 'last_used_at' },
    revokedAt: { type: 'datetime', nullable: true, fieldName: 'revoked_at' },
  },
});

export function toApiKeyRecord(key: ApiKey): ApiKeyRecord {
  const { hash, ...props } = key.toJSON();
  return Object.assign(new ApiKeyRecord(), { ...props, keyHash: hash });
}

export function toApiKey(record: ApiKeyRecord): ApiKey {
  return ApiKey.restore({
    id: record.id,
    ownerId: record.ownerId,
    name: record.name,
    prefix: record.prefix,
    hash: record.keyHash,
    requestsPerMinute: record.requestsPerMinute,
    dailyTokenLimit: record.dailyTokenLimit,
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt,
    revokedAt: record.revokedAt,
  });
}
