import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  ConversationSummary,
  ConversationSummaryRepository,
} from '../../application/ports/conversation-summary.repository';
import { ConversationSummaryRecord } from './conversation-summary.record';
import { RawRow, rawRowMapper } from './raw-rows';

@Injectable()
export class MikroOrmConversationSummaryRepository extends ConversationSummaryRepository {
  constructor(private readonly orm: MikroORM) {
    super();
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  /** Read with raw results: every conversation read asks, and most have none. */
  async list(ownerId: string, conversationId: string): Promise<ConversationSummary[]> {
    const em = this.em();
    const rows = await em
      .createQueryBuilder(ConversationSummaryRecord)
      .select('*')
      .where({ ownerId, conversationId })
      .orderBy({ createdAt: 'asc' })
      .execute<RawRow[]>('all', false);
    return rows.map(rawRowMapper(em, ConversationSummaryRecord)).map((r) => ({
      conversationId: r.conversationId,
      ownerId: r.ownerId,
      content: r.content,
      coversUntilMessageId: r.coversUntilMessageId,
      model: r.model,
      createdAt: r.createdAt,
    }));
  }

  async save(summary: ConversationSummary): Promise<void> {
    await this.em().upsert(
      ConversationSummaryRecord,
      {
        conversationId: summary.conversationId,
        coversUntilMessageId: summary.coversUntilMessageId,
        ownerId: summary.ownerId,
        content: summary.content,
        model: summary.model,
        createdAt: summary.createdAt,
      },
      {
        onConflictFields: ['coversUntilMessageId'],
        onConflictAction: 'merge',
      },
    );
  }
}
