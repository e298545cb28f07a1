import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ConversationUnitOfWork } from '../../application/ports/conversation.repository';
import { Conversation, Message } from '../../domain';
import { ConversationRecord } from './conversation.record';
import { MessageRecord } from './message.record';
import { isUuid, toConversation, toMessage, toMessageRecord } from './record.mappers';

/**
 * A use case's transaction on one EntityManager fork: entities it loads are managed by the fork,
 * so what the aggregate changed is written by the fork's flush at commit.
 */
export class MikroOrmUnitOfWork implements ConversationUnitOfWork {
  private readonly conversations = new Map<Conversation, ConversationRecord>();
  private readonly messages = new Map<string, MessageRecord>();

  constructor(private readonly em: EntityManager) {}

  async lockConversation(ownerId: string, id: string): Promise<Conversation | null> {
    const record = await this.em.findOne(
      ConversationRecord,
      { ownerId, id, deletedAt: null },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!record) return null;
    const conversation = toConversation(record);
    this.conversations.set(conversation, record);
    return conversation;
  }

  async addConversationIfMissing(conversation: Conversation): Promise<void> {
    // Concurrent first turns of one new conversation: one insert wins, the others wait for it.
    await this.em
      .createQueryBuilder(ConversationRecord)
      .insert(conversation.toJSON())
      .onConflict(['ownerId', 'id'])
      .ignore()
      .execute();
  }

  async findMessage(
    ownerId: string,
    conversationId: string,
    messageId: string,
  ): Promise<Message | null> {
    if (!isUuid(messageId)) return null;
    const record = await this.em.findOne(MessageRecord, { ownerId, conversationId, id: messageId });
    return record ? toMessage(record) : null;
  }

  async findTurnByClientMessageId(
    ownerId: string,
    conversationId: string,
    clientMessageId: string,
  ): Promise<{ userMessage: Message; assistantMessage: Message } | null> {
    const question = await this.em.findOne(MessageRecord, {
      ownerId,
      conversationId,
      clientMessageId,
    });
    if (!question) return null;
    const answer = await this.em.findOne(
      MessageRecord,
      { ownerId, turnId: question.turnId, role: 'assistant' },
      { orderBy: { seq: 'desc' } },
    );
    if (!answer) return null;
    return { userMessage: toMessage(question), assistantMessage: toMessage(answer) };
  }

  async listMessages(ownerId: string, conversationId: string): Promise<Message[]> {
    const records = await this.em.find(
      MessageRecord,
      { ownerId, conversationId },
      { orderBy: { seq: 'asc' } },
    );
    for (const record of records) this.messages.set(record.id, record);
    return records.map(toMessage);
  }

  addMessage(message: Message): void {
    this.em.persist(toMessageRecord(message));
  }

  removeMessages(ids: readonly string[]): void {
    for (const id of ids) {
      const record = this.messages.get(id);
      if (!record) throw new Error(`Message ${id} was not loaded by this unit of work`);
      this.em.remove(record);
    }
  }

  saveConversation(conversation: Conversation): void {
    const record = this.conversations.get(conversation);
    if (!record) throw new Error(`Conversation ${conversation.id} was not locked by this unit`);
    this.em.assign(record, conversation.toJSON());
  }
}
