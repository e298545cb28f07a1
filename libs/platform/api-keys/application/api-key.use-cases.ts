import { Injectable } from '@nestjs/common';
import { ApiKey } from '../domain/api-key';
import { ApiKeyCrypto, ApiKeyRepository } from './api-key.ports';

export interface CreateApiKeyCommand {
  ownerId: string;
  name: string;
  requestsPerMinute?: number | null;
  dailyTokenLimit?: number | null;
}

/** A new key and its secret, which is returned this once and never stored. */
export interface IssuedApiKey {
  key: ApiKey;
  secret: string;
}

/** Issues a key for an owner: stores its hash, returns the secret once. */
@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly crypto: ApiKeyCrypto,
  ) {}

  async execute(command: CreateApiKeyCommand): Promise<IssuedApiKey> {
    const secret = this.crypto.newSecret();
    const key = ApiKey.issue(
      {
        id: this.crypto.newId(),
        ownerId: command.ownerId,
        name: command.name,
        hash: this.crypto.hash(secret),
        requestsPerMinute: command.requestsPerMinute ?? null,
        dailyTokenLimit: command.dailyTokenLimit ?? null,
        createdAt: this.crypto.now(),
      },
      secret,
    );
    await this.keys.insert(key);
    return { key, secret };
  }
}

@Injectable()
export class ListApiKeysUseCase {
  constructor(private readonly keys: ApiKeyRepository) {}

  execute(): Promise<ApiKey[]> {
    return this.keys.list();
  }
}

/** Revokes a key (idempotent); undefined when there is no such key. */
@Injectable()
export class RevokeApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly crypto: ApiKeyCrypto,
  ) {}

  async execute(id: string): Promise<ApiKey | undefined> {
    const key = await this.keys.findById(id);
    if (!key) return undefined;
    if (key.isRevoked) return key;
    key.revoke(this.crypto.now());
    await this.keys.saveRevocation(key);
    return key;
  }
}
