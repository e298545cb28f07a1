import type Redis from 'ioredis';
import { RedisEmbeddingCache } from './redis.embedding-cache';

/** The few ioredis calls the cache makes, over a Map (or failing, as a Redis that is down). */
function fakeRedis(down = false) {
  const store = new Map<string, { value: string; ttl: number }>();
  const fail = () => Promise.reject(new Error('Connection is closed.'));
  const client = {
    mget: (...keys: string[]) =>
      down ? fail() : Promise.resolve(keys.map((k) => store.get(k)?.value ?? null)),
    pipeline: () => {
      const ops: (() => void)[] = [];
      const pipe = {
        set: (key: string, value: string, _ex: 'EX', ttl: number) => {
          ops.push(() => store.set(key, { value, ttl }));
          return pipe;
        },
        exec: () => (down ? fail() : Promise.resolve(ops.map((op) => [null, op()]))),
      };
      return pipe;
    },
  };
  return { client: client as unknown as Redis, store };
}

describe('RedisEmbeddingCache', () => {
  it('stores vectors as JSON with the TTL and reads them back in order', async () => {
    const { client, store } = fakeRedis();
    const cache = new RedisEmbeddingCache(client, 120);
    await cache.setMany([['k1', [0.5, -1]]]);
    expect(store.get('k1')).toEqual({ value: '[0.5,-1]', ttl: 120 });
    store.set('bad', { value: '{"not":"a vector"}', ttl: 1 });
    expect(await cache.getMany(['nope', 'k1', 'bad'])).toEqual([undefined, [0.5, -1], undefined]);
  });

  it('a Redis that is down gives misses and skips writes, never an error', async () => {
    const { client } = fakeRedis(true);
    const warn = jest.fn();
    const cache = new RedisEmbeddingCache(client, 120, { warn });
    expect(await cache.getMany(['a', 'b'])).toEqual([undefined, undefined]);
    await expect(cache.setMany([['a', [1]]])).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
