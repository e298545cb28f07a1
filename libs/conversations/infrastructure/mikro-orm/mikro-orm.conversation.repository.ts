import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  ConversationRepository,
  ConversationUnitOfWork,
} from '../../application/ports/conversation.repository';
import { Conversation, DomainError } from '../../domain';
import { ConversationRecord } from './conversation.record';
import { toConversation, toConversationRecord } from './record.mappers';
import { MikroOrmUnitOfWork } from './mikro-orm.unit-of-work';

@Injectable()
export class MikroOrmConversationRepository extends ConversationRepository {
  constructor(private readonly orm: MikroORM) {
    super();
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  /**
   * Explicit begin/commit on a fork rather than `em.transactional`: the same unit of work and
   * flush, without entering an AsyncLocalStorage context (whose promise hooks, once on, cost
   * every request of a Node 20 process CPU).
   */
  async transaction<T>(work: (unit: ConversationUnitOfWork) => Promise<T>): Promise<T> {
    const em = this.em();
    await em.begin();
    try {
      const result = await work(new MikroOrmUnitOfWork(em));
      await em.commit();
      return result;
    } catch (error) {
      await em.rollback().catch(() => undefined);
      throw error;
    }
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
}
