import { EntityManager } from '@mikro-orm/postgresql';
import { conversationNotFound } from '../../domain';

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
  em: EntityManager,
  ownerId: string,
  conversationId: string,
): Promise<LockedConversation> {
  const [locked] = await em.execute<LockedConversation[]>(
    `select current_leaf_id, last_seq, model from conversations where owner_id = ? and id = ? and deleted_at is null for update`,
    [ownerId, conversationId],
  );
  if (!locked) throw conversationNotFound(conversationId);
  return locked;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Message ids are uuids: anything else cannot match, and must not reach a uuid cast. */
export const isUuid = (value: string) => UUID.test(value);
