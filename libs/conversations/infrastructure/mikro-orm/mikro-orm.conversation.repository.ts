import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  ConversationPage,
  ConversationRepository,
  ListConversationsQuery,
  RenderedMessages,
} from '../../application/ports/conversation.repository';
import { activeBranch, Conversation, DomainError, Message } from '../../domain';
import { ConversationRecord } from './conversation.record';
import { toConversationRecord } from './record.mappers';
import { PooledSql } from './pg-sql';
import { RENDERED_MESSAGES_SQL, renderedMessagesFromRows } from './rendered-messages.reads';
import { conversationFromRow, MESSAGE_COLUMNS, messageFromRow } from './rows';

@Injectable()
export class MikroOrmConversationRepository extends ConversationRepository {
  private readonly db: PooledSql;

  constructor(private readonly orm: MikroORM) {
    super();
    this.db = new PooledSql(orm);
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
    const [row] = await this.db.query(
      'select * from conversations where owner_id = ? and id = ? and deleted_at is null',
      [ownerId, id],
    );
    return row ? conversationFromRow(row) : null;
  }

  async list(query: ListConversationsQuery): Promise<ConversationPage> {
    const params: unknown[] = [query.ownerId];
    let where = 'owner_id = ? and deleted_at is null';
    if (query.q) {
      where += ' and title ilike ?';
      params.push(`%${escapeLike(query.q)}%`);
    }
    let page = where;
    const pageParams = [...params];
    if (query.cursor) {
      page += ' and (updated_at < ? or (updated_at = ? and id < ?))';
      pageParams.push(query.cursor.updatedAt, query.cursor.updatedAt, query.cursor.id);
    }
    const [rows, [counted]] = await Promise.all([
      this.db.query(
        `select * from conversations where ${page} order by updated_at desc, id desc limit ? offset ?`,
        [...pageParams, query.limit + 1, query.cursor ? 0 : query.offset],
      ),
      this.db.query(`select count(*)::int as total from conversations where ${where}`, params),
    ]);
    const items = rows.slice(0, query.limit).map(conversationFromRow);
    const last = rows.length > query.limit ? items[items.length - 1] : undefined;
    return {
      items,
      total: Number(counted.total),
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
    // The leaf comes along in every row: one round trip for the branch.
    const rows = await this.db.query(
      `select ${MESSAGE_COLUMNS}, (select current_leaf_id from conversations c where c.owner_id = m.owner_id and c.id = m.conversation_id) as leaf
       from messages m where owner_id = ? and conversation_id = ? order by seq`,
      [ownerId, conversationId],
    );
    const messages = rows.map(messageFromRow);
    if (options.all) return messages;
    return activeBranch(messages, (rows[0]?.leaf as string | null) ?? null);
  }

  async listRenderedMessages(ownerId: string, conversationId: string): Promise<RenderedMessages> {
    return renderedMessagesFromRows(
      await this.db.query(RENDERED_MESSAGES_SQL, [
        ownerId,
        conversationId,
        ownerId,
        conversationId,
      ]),
    );
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
