import { MikroORM, raw } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  ConversationPage,
  ConversationReads,
  ConversationView,
  ListConversationsQuery,
  ListTurnsQuery,
  MessageHistory,
  TurnPage,
  UsageRow,
  UsageTotals,
} from '../../application/ports/conversation.reads';
import { ConversationRecord } from './conversation.record';
import { MessageRecord } from './message.record';
import { RawRow, rawRowMapper } from './raw-rows';
import { conversationProps, isUuid, messageProps } from './record.mappers';

/**
 * Reads through the QueryBuilder with raw results, not hydrated into managed entities: a read
 * never changes what it loads, so it skips the identity map and change tracking; the rows are
 * renamed from the entities' metadata and the record mappers make read models of them.
 */
@Injectable()
export class MikroOrmConversationReads extends ConversationReads {
  constructor(private readonly orm: MikroORM) {
    super();
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  async findConversation(ownerId: string, id: string): Promise<ConversationView | null> {
    const em = this.em();
    const row = await em
      .createQueryBuilder(ConversationRecord)
      .select('*')
      .where({ ownerId, id, deletedAt: null })
      .execute<RawRow | undefined>('get', false);
    return row ? conversationProps(rawRowMapper(em, ConversationRecord)(row)) : null;
  }

  async listConversations(query: ListConversationsQuery): Promise<ConversationPage> {
    const em = this.em();
    const where = {
      ownerId: query.ownerId,
      deletedAt: null,
      ...(query.q ? { title: { $ilike: `%${escapeLike(query.q)}%` } } : {}),
    };
    const cursor = query.cursor;
    const page = cursor
      ? {
          ...where,
          $or: [
            { updatedAt: { $lt: cursor.updatedAt } },
            { updatedAt: cursor.updatedAt, id: { $lt: cursor.id } },
          ],
        }
      : where;
    const [records, total] = await Promise.all([
      em
        .createQueryBuilder(ConversationRecord)
        .select('*')
        .where(page)
        .orderBy({ updatedAt: 'desc', id: 'desc' })
        .limit(query.limit + 1, cursor ? 0 : query.offset)
        .execute<RawRow[]>('all', false),
      em.createQueryBuilder(ConversationRecord).where(where).getCount(),
    ]);
    const toRecord = rawRowMapper(em, ConversationRecord);
    const items = records.slice(0, query.limit).map((row) => conversationProps(toRecord(row)));
    const last = records.length > query.limit ? items[items.length - 1] : undefined;
    return { items, total, next: last ? { updatedAt: last.updatedAt, id: last.id } : null };
  }

  async listMessages(ownerId: string, conversationId: string): Promise<MessageHistory> {
    // The leaf comes with every row: one snapshot for the messages and the branch walked.
    const leaf = raw(
      '(select c.current_leaf_id from conversations c where c.owner_id = m.owner_id and c.id = m.conversation_id) as leaf',
    );
    const em = this.em();
    const rows = await em
      .createQueryBuilder(MessageRecord, 'm')
      .select(['*', leaf])
      .where({ ownerId, conversationId })
      .orderBy({ seq: 'asc' })
      .execute<RawRow[]>('all', false);
    const toRecord = rawRowMapper(em, MessageRecord);
    return {
      messages: rows.map((row) => messageProps(toRecord(row))),
      leafId: (rows[0]?.leaf as string | null | undefined) ?? null,
    };
  }

  async listTurns(query: ListTurnsQuery): Promise<TurnPage> {
    const em = this.em();
    const ref = query.messageRef;
    const where = {
      ownerId: query.ownerId,
      role: 'user' as const,
      ...(query.conversationId ? { conversationId: query.conversationId } : {}),
      ...(ref ? { $or: [{ clientMessageId: ref }, ...(isUuid(ref) ? [{ id: ref }] : [])] } : {}),
    };
    const questions = () =>
      em
        .createQueryBuilder(MessageRecord, 'u')
        .where(where)
        .andWhere(
          'exists (select 1 from conversations c where c.owner_id = u.owner_id and c.id = u.conversation_id and c.deleted_at is null)',
        );
    const [users, total] = await Promise.all([
      questions()
        .select('*')
        .orderBy({ createdAt: 'desc', seq: 'desc' })
        .limit(query.limit, query.offset)
        .execute<RawRow[]>('all', false),
      questions().getCount(),
    ]);
    const toRecord = rawRowMapper(em, MessageRecord);
    const toMessage = (row: RawRow) => messageProps(toRecord(row));
    const userMessages = users.map(toMessage);
    const answers = userMessages.length
      ? await em
          .createQueryBuilder(MessageRecord)
          .select('*')
          .where({
            ownerId: query.ownerId,
            turnId: { $in: userMessages.map((m) => m.turnId) },
            role: 'assistant',
          })
          .orderBy({ seq: 'asc' })
          .execute<RawRow[]>('all', false)
      : [];
    // In seq order, so a regenerated answer replaces the one it regenerated.
    const answerByTurn = new Map(answers.map(toMessage).map((a) => [a.turnId, a]));
    return {
      total,
      items: userMessages.map((userMessage) => ({
        conversationId: userMessage.conversationId,
        userMessage,
        assistantMessage: answerByTurn.get(userMessage.turnId) ?? null,
      })),
    };
  }

  async usage(ownerId: string, from: Date, to: Date): Promise<UsageRow[]> {
    const rows = await this.em()
      .createQueryBuilder(MessageRecord)
      .select([
        raw(`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day`),
        raw(`coalesce(model, 'unknown') as model`),
        raw('count(*)::int as answers'),
        raw('coalesce(sum(input_tokens), 0)::int as input_tokens'),
        raw('coalesce(sum(output_tokens), 0)::int as output_tokens'),
        raw('coalesce(sum(cost_usd), 0)::text as cost_usd'),
      ])
      .where({ ownerId, role: 'assistant', createdAt: { $gte: from, $lt: to } })
      .groupBy([raw('1'), raw('2')])
      .orderBy({ [raw('1')]: 'asc', [raw('2')]: 'asc' })
      .execute<
        {
          day: string;
          model: string;
          answers: number;
          input_tokens: number;
          output_tokens: number;
          cost_usd: string;
        }[]
      >('all', false);
    return rows.map((r) => ({
      day: r.day,
      model: r.model,
      answers: r.answers,
      inputTokens: r.input_tokens,
      outputTokens: r.output_tokens,
      costUsd: Number(r.cost_usd),
    }));
  }

  async usageSince(ownerId: string, from: Date): Promise<UsageTotals> {
    const [row] = await this.em()
      .createQueryBuilder(MessageRecord)
      .select([
        raw('count(*)::int as answers'),
        raw('coalesce(sum(input_tokens), 0)::bigint::text as input_tokens'),
        raw('coalesce(sum(output_tokens), 0)::bigint::text as output_tokens'),
        raw('coalesce(sum(cost_usd), 0)::text as cost_usd'),
      ])
      .where({ ownerId, role: 'assistant', createdAt: { $gte: from } })
      .execute<
        { answers: number; input_tokens: string; output_tokens: string; cost_usd: string }[]
      >('all', false);
    return {
      answers: row?.answers ?? 0,
      inputTokens: Number(row?.input_tokens ?? 0),
      outputTokens: Number(row?.output_tokens ?? 0),
      costUsd: Number(row?.cost_usd ?? 0),
    };
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
