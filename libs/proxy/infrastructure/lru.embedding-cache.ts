import { LRUCache } from 'lru-cache';
import { EmbeddingCache } from '../application/embedding-cache';

/** The in-process cache: at most `max` vectors, each for `ttlSeconds`. */
export class LruEmbeddingCache extends EmbeddingCache {
  private readonly cache: LRUCache<string, number[]>;

  constructor(max: number, ttlSeconds: number) {
    super();
    this.cache = new LRUCache<string, number[]>({ max, ttl: ttlSeconds * 1000 });
  }

  async getMany(keys: string[]): Promise<(number[] | undefined)[]> {
    return keys.map((key) => this.cache.get(key));
  }

  async setMany(entries: [string, number[]][]): Promise<void> {
    for (const [key, vector] of entries) this.cache.set(key, vector);
  }
}
