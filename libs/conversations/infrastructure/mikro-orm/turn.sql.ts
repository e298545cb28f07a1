import { EntityManager } from '@mikro-orm/postgresql';
import { conversationNotFound } from '../../domain';
import { Sql } from './pg-sql';

/**
 * Runs `work` in one database transaction on a fork bound to it. Unlike `em.transactional`, it
 * neither flushes nor enters an AsyncLocalStorage context: the first `AsyncLocalStorage.run`
 * turns on promise hooks for the life of a Node 20 process, which cost ~8% of the CPU of every
 * request and stream in the benchmarks. The writes here are plain SQL and native inserts and
 * deletes, so there is nothing to flush.
 */
export async function inTransaction<T>(
  em: EntityManager,
  work: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  const connection = em.getConnection('write');
  const trx = await connection.begin();
  const tx = em.fork();
  tx.setTransactionContext(trx);
  try {
    const result = await work(tx);
    await connection.commit(trx);
    return result;
  } catch (error) {
    await connection.rollback(trx).catch(() => undefined);
    throw error;
  }
}

export interface LockedConversation {
  current_leaf_id: string | null;
  last_seq: number;
  model: string | null;
}

/**
 * Locks the conversation row for the rest of the transaction. The lock serialises concurrent
 * writers of one conversation, so seq values stay distinct and gap-free.
 */
export async function lockConversation(
  db: Sql,
  ownerId: string,
  conversationId: string,
): Promise<LockedConversation> {
  const [locked] = await db.query<LockedConversation>(
    `select current_leaf_id, last_seq, model from conversations where owner_id = ? and id = ? and deleted_at is null for update`,
    [ownerId, conversationId],
  );
  if (!locked) throw conversationNotFound(conversationId);
  return locked;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Message ids are uuids: anything else cannot match, and must not reach a uuid cast. */
export const isUuid = (value: string) => UUID.test(value);
