import { FilterQuery, MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  ConversationPage,
  ConversationRepository,
  ListConversationsQuery,
} from '../../application/ports/conversation.repository';
import { activeBranch, Conversation, DomainError, Message } from '../../domain';
import { ConversationRecord } from './conversation.record';
import { MessageRecord } from './message.record';
import { toConversation, toConversationRecord, toMessage } from './record.mappers';

@Injectable()
export class MikroOrmConversationRepository extends ConversationRepository {
  constructor(private readonly orm: MikroORM) {
    super();
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  async insert(conversation: Conversation): Promise<void> {
    try {
      await this.em().insert(ConversationRecord, toConversationRecord(conversation));
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new DomainError(
          'conflict',
          'conversation_exists',
          `Conversation ${conversation.id} already exists`,
        );
      }
      throw error;
    }
  }

  async findOwned(ownerId: string, id: string): Promise<Conversation | null> {
    const record = await this.em().findOne(ConversationRecord, { ownerId, id, deletedAt: null });
    return record ? toConversation(record) : null;
  }

  async list(query: ListConversationsQuery): Promise<ConversationPage> {
    const em = this.em();
    const where: FilterQuery<ConversationRecord> = { ownerId: query.ownerId, deletedAt: null };
    if (query.q) where.title = { $ilike: `%${escapeLike(query.q)}%` };
    const page: FilterQuery<ConversationRecord> = query.cursor
      ? {
          ...where,
          $or: [
            { updatedAt: { $lt: query.cursor.updatedAt } },
            { updatedAt: query.cursor.updatedAt, id: { $lt: query.cursor.id } },
          ],
        }
      : where;
    const [records, total] = await Promise.all([
      em.find(ConversationRecord, page, {
        orderBy: { updatedAt: 'desc', id: 'desc' },
        limit: query.limit + 1,
        offset: query.cursor ? 0 : query.offset,
      }),
      this.em().count(ConversationRecord, where),
    ]);
    const items = records.slice(0, query.limit).map(toConversation);
    const last = records.length > query.limit ? items[items.length - 1] : undefined;
    return {
      items,
      total,
      next: last ? { updatedAt: last.toJSON().updatedAt, id: last.id } : null,
    };
  }

  async save(conversation: Conversation, expectedVersion: number): Promise<void> {
    const { ownerId, id, title, model, systemPrompt, metadata, updatedAt, deletedAt, version } =
      conversation.toJSON();
    const changed = await this.em().nativeUpdate(
      ConversationRecord,
      { ownerId, id, version: expectedVersion },
      { title, model, systemPrompt, metadata, updatedAt, deletedAt, version },
    );
    if (changed === 0) {
      throw new DomainError(
        'conflict',
        'concurrent_update',
        `Conversation ${id} was changed by another request; retry`,
      );
    }
  }

  async listMessages(
    ownerId: string,
    conversationId: string,
    options: { all: boolean },
  ): Promise<Message[]> {
    const em = this.em();
    const records = await em.find(
      MessageRecord,
      { ownerId, conversationId },
      { orderBy: { seq: 'asc' } },
    );
    if (options.all) return records.map(toMessage);
    const conversation = await em.findOne(
      ConversationRecord,
      { ownerId, id: conversationId },
      { fields: ['currentLeafId'] },
    );
    return activeBranch(records, conversation?.currentLeafId ?? null).map(toMessage);
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
