import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ApiKeyCrypto } from '../application/api-key.ports';
import { API_KEY_PREFIX, API_KEY_RANDOM_BYTES } from '../domain/api-key';

/**
 * Keys from the OS CSPRNG, stored as SHA-256 (hex). A plain fast hash is enough here, unlike for
 * passwords: a key carries 256 random bits, so there is nothing to guess or brute-force from a
 * leaked hash, and a salted slow hash (bcrypt, scrypt) would only cost every request CPU and
 * make the indexed lookup by hash impossible.
 */
@Injectable()
export class NodeApiKeyCrypto extends ApiKeyCrypto {
  newId(): string {
    return uuidv7();
  }

  newSecret(): string {
    return `${API_KEY_PREFIX}${randomBytes(API_KEY_RANDOM_BYTES).toString('base64url')}`;
  }

  hash(secret: string): string {
    return createHash('sha256').update(secret, 'utf8').digest('hex');
  }

  sameHash(a: string, b: string): boolean {
    const left = Buffer.from(a, 'hex');
    const right = Buffer.from(b, 'hex');
    return left.length === right.length && timingSafeEqual(left, right);
  }

  now(): Date {
    return new Date();
  }
}
