import type { MikroORM } from '@mikro-orm/core';

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}
interface KnexLike {
  client?: { pool?: Partial<TarnPool> };
}

/**
 * Pool use of MikroORM's knex (tarn) pool. Reached through knex internals, so every step is
 * checked: a driver without them simply reports nothing.
 */
export function knexPoolStats(orm: MikroORM) {
  const connection = orm.em.getConnection() as unknown as { getKnex?: () => KnexLike };
  const pool = connection.getKnex?.().client?.pool;
  if (!pool?.numUsed || !pool.numFree || !pool.numPendingAcquires) return undefined;
  return { used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires() };
}
