import { EntityManager } from '@mikro-orm/postgresql';
import { StartedTurn } from '../../application/ports/turn.repository';
import { DomainError, Message, messageNotFound, NO_OUTCOME } from '../../domain';
import { ConversationRecord } from './conversation.record';
import { MessageRecord } from './message.record';
import { toConversation, toMessage, toMessageRecord } from './record.mappers';
import { entityManagerSql } from './pg-sql';
import { inTransaction, isUuid, lockConversation } from './turn.sql';

/** Branch operations: regenerating an answer as a sibling, deleting a branch. Both run in one transaction. */
export async function regenerateAnswer(
  em: EntityManager,
  input: {
    ownerId: string;
    conversationId: string;
    assistantMessageId: string;
    newMessageId: string;
    model: string;
    now: Date;
  },
): Promise<StartedTurn> {
  const { ownerId, conversationId, now } = input;
  return inTransaction(em, async (tx) => {
    const locked = await lockConversation(entityManagerSql(tx), ownerId, conversationId);
    const original = isUuid(input.assistantMessageId)
      ? await tx.findOne(MessageRecord, {
          ownerId,
          conversationId,
          id: input.assistantMessageId,
          role: 'assistant',
        })
      : null;
    if (!original) throw messageNotFound(input.assistantMessageId);
    if (original.status === 'pending' || original.status === 'streaming') {
      throw new DomainError(
        'conflict',
        'turn_in_progress',
        'This answer is still being produced; stop it first',
      );
    }
    const user = original.parentId
      ? await tx.findOne(MessageRecord, { ownerId, id: original.parentId })
      : null;
    if (!user) throw messageNotFound(input.assistantMessageId);
    const assistantMessage = Message.create({
      ...toMessage(original).toJSON(),
      id: input.newMessageId,
      seq: locked.last_seq + 1,
      content: '',
      status: 'streaming',
      model: input.model,
      ...NO_OUTCOME,
      heartbeatAt: now,
      metadata: { regenerationOf: original.id },
      createdAt: now,
    });
    await tx.insert(MessageRecord, toMessageRecord(assistantMessage));
    const [row] = await tx.execute<Record<string, unknown>[]>(
      `update conversations set last_seq = last_seq + 1, message_count = message_count + 1, current_leaf_id = ?,
         updated_at = ?, version = version + 1 where owner_id = ? and id = ? returning *`,
      [assistantMessage.id, now, ownerId, conversationId],
    );
    return {
      conversation: toConversation(tx.map(ConversationRecord, row)),
      userMessage: toMessage(user),
      assistantMessage,
      replayed: false,
    };
  });
}

export async function deleteBranch(
  em: EntityManager,
  ownerId: string,
  conversationId: string,
  messageId: string,
): Promise<number> {
  if (!isUuid(messageId)) throw messageNotFound(messageId);
  return inTransaction(em, async (tx) => {
    await lockConversation(entityManagerSql(tx), ownerId, conversationId);
    const subtree = await tx.execute<{ id: string; status: string }[]>(
      `with recursive branch as (
         select id, status from messages where owner_id = ? and conversation_id = ? and id = ?
         union all
         select m.id, m.status from messages m join branch b on m.parent_id = b.id where m.owner_id = ? and m.conversation_id = ?
       ) select id, status from branch`,
      [ownerId, conversationId, messageId, ownerId, conversationId],
    );
    if (subtree.length === 0) throw messageNotFound(messageId);
    if (subtree.some((m) => m.status === 'pending' || m.status === 'streaming')) {
      throw new DomainError(
        'conflict',
        'turn_in_progress',
        'An answer in this branch is still being produced; stop it first',
      );
    }
    await tx.nativeDelete(MessageRecord, {
      ownerId,
      conversationId,
      id: { $in: subtree.map((m) => m.id) },
    });
    await tx.execute(
      `update conversations c set message_count = (select count(*) from messages m where m.owner_id = c.owner_id and m.conversation_id = c.id),
         current_leaf_id = case when c.current_leaf_id = any(?::uuid[]) then
           (select m.id from messages m where m.owner_id = c.owner_id and m.conversation_id = c.id order by m.seq desc limit 1)
           else c.current_leaf_id end,
         updated_at = now(), version = version + 1
       where owner_id = ? and id = ?`,
      [`{${subtree.map((m) => m.id).join(',')}}`, ownerId, conversationId],
    );
    return subtree.length;
  });
}
