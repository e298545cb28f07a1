import { createHash } from 'node:crypto';

/** Where computed embeddings are kept (in process, or Redis shared by the replicas). */
export abstract class EmbeddingCache {
  /** The cached vectors of `keys`, in order (undefined = not cached); never throws. */
  abstract getMany(keys: string[]): Promise<(number[] | undefined)[]>;
  /** Stores vectors; a failure is logged by the implementation, never thrown. */
  abstract setMany(entries: [key: string, vector: number[]][]): Promise<void>;
}

/** A cache that keeps nothing (EMBED_CACHE_MAX=0). */
export class NoEmbeddingCache extends EmbeddingCache {
  async getMany(keys: string[]): Promise<(number[] | undefined)[]> {
    return keys.map(() => undefined);
  }
  async setMany(): Promise<void> {}
}

export interface EmbeddingKeyParts {
  provider: string;
  model: string;
  dimensions?: number;
  normalize?: boolean;
}

const flag = (value: boolean | undefined): string =>
  value === undefined ? 'default' : value ? 'normalized' : 'raw';

/** `embed:v1:<provider>:<model>:<dimensions>:<normalize>:<sha256 of the text>`. */
export function embeddingCacheKey(parts: EmbeddingKeyParts, text: string): string {
  const digest = createHash('sha256').update(text, 'utf8').digest('hex');
  const dimensions = parts.dimensions ?? 'default';
  return `embed:v1:${parts.provider}:${parts.model}:${dimensions}:${flag(parts.normalize)}:${digest}`;
}
