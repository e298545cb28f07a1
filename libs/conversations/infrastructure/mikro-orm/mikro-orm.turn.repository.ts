import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  StartedTurn,
  StartTurnInput,
  TurnPage,
  TurnRepository,
  TurnView,
  UsageRow,
} from '../../application/ports/turn.repository';
import {
  conversationNotFound,
  DomainError,
  invalidInput,
  Message,
  messageNotFound,
} from '../../domain';
import { ConversationRecord } from './conversation.record';
import { MessageRecord } from './message.record';
import { toConversation, toMessage, toMessageRecord } from './record.mappers';

interface LockedConversation {
  current_leaf_id: string | null;
  last_seq: number;
}

@Injectable()
export class MikroOrmTurnRepository extends TurnRepository {
  constructor(private readonly orm: MikroORM) {
    super();
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  async startTurn(input: StartTurnInput): Promise<StartedTurn> {
    if (input.clientMessageId) {
      const stored = await this.findByClientMessageId(input);
      if (stored) return stored;
    }
    try {
      return await this.em().transactional((em) => this.writeTurn(em, input));
    } catch (error) {
      // A concurrent duplicate of the same clientMessageId lost the race on the unique index.
      if (error instanceof UniqueConstraintViolationException && input.clientMessageId) {
        const stored = await this.findByClientMessageId(input);
        if (stored) return stored;
      }
      throw error;
    }
  }

  private async writeTurn(em: EntityManager, input: StartTurnInput): Promise<StartedTurn> {
    const { ownerId, conversationId, now } = input;
    if (input.createIfMissing) {
      await em.execute(
        `insert into conversations (owner_id, id, title, model, created_at, updated_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing`,
        [ownerId, conversationId, input.autoTitle, null, now, now],
      );
    }
    // The row lock serialises concurrent sends to one conversation: seq stays distinct and gap-free.
    const [locked] = await em.execute<LockedConversation[]>(
      `select current_leaf_id, last_seq from conversations where owner_id = ? and id = ? and deleted_at is null for update`,
      [ownerId, conversationId],
    );
    if (!locked) throw conversationNotFound(conversationId);
    const parentId = input.parentId === undefined ? locked.current_leaf_id : input.parentId;
    if (input.parentId) await this.assertParent(em, ownerId, conversationId, input.parentId);
    const base = {
      conversationId,
      ownerId,
      turnId: input.ids.turnId,
      model: input.model,
      stopReason: null,
      inputTokens: null,
      outputTokens: null,
      latencyMs: null,
      timeToFirstTokenMs: null,
      error: null,
      metadata: {},
      heartbeatAt: null,
      createdAt: now,
    };
    const userMessage = Message.create({
      ...base,
      id: input.ids.userMessageId,
      seq: locked.last_seq + 1,
      parentId,
      role: 'user',
      content: input.content,
      status: 'complete',
      clientMessageId: input.clientMessageId,
      model: null,
    });
    const assistantMessage = Message.create({
      ...base,
      id: input.ids.assistantMessageId,
      seq: locked.last_seq + 2,
      parentId: userMessage.id,
      role: 'assistant',
      content: '',
      status: 'pending',
      clientMessageId: null,
    });
    await em.insertMany(MessageRecord, [
      toMessageRecord(userMessage),
      toMessageRecord(assistantMessage),
    ]);
    const [row] = await em.execute<Record<string, unknown>[]>(
      `update conversations set last_seq = last_seq + 2, message_count = message_count + 2, current_leaf_id = ?,
         title = coalesce(title, ?), updated_at = ?, version = version + 1
       where owner_id = ? and id = ? returning *`,
      [assistantMessage.id, input.autoTitle, now, ownerId, conversationId],
    );
    return {
      conversation: toConversation(em.map(ConversationRecord, row)),
      userMessage,
      assistantMessage,
      replayed: false,
    };
  }

  async startRegeneration(input: {
    ownerId: string;
    conversationId: string;
    assistantMessageId: string;
    newMessageId: string;
    model: string;
    now: Date;
  }): Promise<StartedTurn> {
    const { ownerId, conversationId, now } = input;
    return this.em().transactional(async (em) => {
      const [locked] = await em.execute<LockedConversation[]>(
        `select current_leaf_id, last_seq from conversations where owner_id = ? and id = ? and deleted_at is null for update`,
        [ownerId, conversationId],
      );
      if (!locked) throw conversationNotFound(conversationId);
      const original = isUuid(input.assistantMessageId)
        ? await em.findOne(MessageRecord, {
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
        ? await em.findOne(MessageRecord, { ownerId, id: original.parentId })
        : null;
      if (!user) throw messageNotFound(input.assistantMessageId);
      const assistantMessage = Message.create({
        ...toMessage(original).toJSON(),
        id: input.newMessageId,
        seq: locked.last_seq + 1,
        content: '',
        status: 'pending',
        model: input.model,
        stopReason: null,
        inputTokens: null,
        outputTokens: null,
        latencyMs: null,
        timeToFirstTokenMs: null,
        error: null,
        metadata: { regenerationOf: original.id },
        heartbeatAt: null,
        createdAt: now,
      });
      await em.insert(MessageRecord, toMessageRecord(assistantMessage));
      const [row] = await em.execute<Record<string, unknown>[]>(
        `update conversations set last_seq = last_seq + 1, message_count = message_count + 1, current_leaf_id = ?,
           updated_at = ?, version = version + 1 where owner_id = ? and id = ? returning *`,
        [assistantMessage.id, now, ownerId, conversationId],
      );
      return {
        conversation: toConversation(em.map(ConversationRecord, row)),
        userMessage: toMessage(user),
        assistantMessage,
        replayed: false,
      };
    });
  }

  async deleteBranch(ownerId: string, conversationId: string, messageId: string): Promise<number> {
    if (!isUuid(messageId)) throw messageNotFound(messageId);
    return this.em().transactional(async (em) => {
      const [locked] = await em.execute<LockedConversation[]>(
        `select current_leaf_id, last_seq from conversations where owner_id = ? and id = ? and deleted_at is null for update`,
        [ownerId, conversationId],
      );
      if (!locked) throw conversationNotFound(conversationId);
      const subtree = await em.execute<{ id: string; status: string }[]>(
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
      await em.nativeDelete(MessageRecord, {
        ownerId,
        conversationId,
        id: { $in: subtree.map((m) => m.id) },
      });
      await em.execute(
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

  private async assertParent(
    em: EntityManager,
    ownerId: string,
    conversationId: string,
    parentId: string,
  ): Promise<void> {
    const found = await em.count(MessageRecord, { ownerId, conversationId, id: parentId });
    if (!found)
      throw invalidInput(
        'invalid_parent',
        `parentId ${parentId} is not a message of this conversation`,
      );
  }

  private async findByClientMessageId(input: StartTurnInput): Promise<StartedTurn | null> {
    const em = this.em();
    const user = await em.findOne(MessageRecord, {
      ownerId: input.ownerId,
      conversationId: input.conversationId,
      clientMessageId: input.clientMessageId,
    });
    if (!user) return null;
    const [assistant, conversation] = await Promise.all([
      em.findOne(
        MessageRecord,
        { ownerId: input.ownerId, turnId: user.turnId, role: 'assistant' },
        { orderBy: { seq: 'desc' } },
      ),
      em.findOne(ConversationRecord, { ownerId: input.ownerId, id: input.conversationId }),
    ]);
    if (!assistant || !conversation) return null;
    return {
      conversation: toConversation(conversation),
      userMessage: toMessage(user),
      assistantMessage: toMessage(assistant),
      replayed: true,
    };
  }

  async saveAssistant(message: Message): Promise<boolean> {
    const {
      id,
      ownerId,
      createdAt: _c,
      conversationId: _cv,
      seq: _s,
      parentId: _p,
      role: _r,
      turnId: _t,
      clientMessageId: _m,
      ...changes
    } = message.toJSON();
    const changed = await this.em().nativeUpdate(
      MessageRecord,
      { id, ownerId, status: { $in: ['pending', 'streaming'] } },
      changes,
    );
    return changed > 0;
  }

  async checkpoint(entries: { id: string; content: string | null }[]): Promise<void> {
    if (entries.length === 0) return;
    await this.em().execute(
      `update messages m set content = coalesce(v.content, m.content), heartbeat_at = now()
       from jsonb_to_recordset(?::jsonb) as v(id uuid, content text)
       where m.id = v.id and m.status = 'streaming'`,
      [JSON.stringify(entries)],
    );
  }

  async settleStale(
    leaseMs: number,
    scope?: { ownerId: string; conversationId?: string },
  ): Promise<number> {
    const filters: string[] = [];
    const params: unknown[] = [INTERRUPTED, leaseMs];
    if (scope) {
      filters.push('and owner_id = ?');
      params.push(scope.ownerId);
      if (scope.conversationId) {
        filters.push('and conversation_id = ?');
        params.push(scope.conversationId);
      }
    }
    // The database clock decides staleness, so replicas with skewed clocks agree.
    const rows = await this.em().execute<{ id: string }[]>(
      `update messages set status = 'failed', error = ?::jsonb, heartbeat_at = null, updated_at = now()
       where status in ('pending', 'streaming') and coalesce(heartbeat_at, updated_at) < now() - (? * interval '1 millisecond')
       ${filters.join(' ')} returning id`,
      params,
    );
    return rows.length;
  }

  async usage(ownerId: string, from: Date, to: Date): Promise<UsageRow[]> {
    const rows = await this.em().execute<
      { day: string; model: string; answers: number; input_tokens: number; output_tokens: number }[]
    >(
      `select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day, coalesce(model, 'unknown') as model,
         count(*)::int as answers, coalesce(sum(input_tokens), 0)::int as input_tokens, coalesce(sum(output_tokens), 0)::int as output_tokens
       from messages where owner_id = ? and role = 'assistant' and created_at >= ? and created_at < ?
       group by 1, 2 order by 1, 2`,
      [ownerId, from, to],
    );
    return rows.map((r) => ({
      day: r.day,
      model: r.model,
      answers: r.answers,
      inputTokens: r.input_tokens,
      outputTokens: r.output_tokens,
    }));
  }

  async findMessage(
    ownerId: string,
    conversationId: string,
    messageId: string,
  ): Promise<Message | null> {
    if (!isUuid(messageId)) return null;
    const record = await this.em().findOne(MessageRecord, {
      ownerId,
      conversationId,
      id: messageId,
    });
    return record ? toMessage(record) : null;
  }

  async findTurn(ownerId: string, turnId: string): Promise<TurnView | null> {
    if (!isUuid(turnId)) return null;
    const records = await this.em().find(
      MessageRecord,
      { ownerId, turnId },
      { orderBy: { seq: 'asc' } },
    );
    const user = records.find((r) => r.role === 'user');
    if (!user) return null;
    const assistant = records.filter((r) => r.role === 'assistant').pop();
    return {
      conversationId: user.conversationId,
      userMessage: toMessage(user),
      assistantMessage: assistant ? toMessage(assistant) : null,
    };
  }

  async listTurns(query: {
    ownerId: string;
    conversationId?: string;
    messageRef?: string;
    limit: number;
    offset: number;
  }): Promise<TurnPage> {
    const where = ['u.owner_id = ?', "u.role = 'user'", 'c.deleted_at is null'];
    const params: unknown[] = [query.ownerId];
    if (query.conversationId) {
      where.push('u.conversation_id = ?');
      params.push(query.conversationId);
    }
    if (query.messageRef) {
      where.push('(u.client_message_id = ? or u.id::text = ?)');
      params.push(query.messageRef, query.messageRef);
    }
    const from = `from messages u join conversations c on c.owner_id = u.owner_id and c.id = u.conversation_id where ${where.join(' and ')}`;
    const em = this.em();
    const [users, [{ total }]] = await Promise.all([
      em.execute<Record<string, unknown>[]>(
        `select u.* ${from} order by u.created_at desc, u.seq desc limit ? offset ?`,
        [...params, query.limit, query.offset],
      ),
      this.em().execute<{ total: string }[]>(`select count(*) as total ${from}`, params),
    ]);
    const userMessages = users.map((row) => toMessage(em.map(MessageRecord, row)));
    const turnIds = userMessages.map((m) => m.toJSON().turnId);
    const answers = turnIds.length
      ? await em.find(
          MessageRecord,
          { ownerId: query.ownerId, turnId: { $in: turnIds }, role: 'assistant' },
          { orderBy: { seq: 'asc' } },
        )
      : [];
    const answerByTurn = new Map(answers.map((a) => [a.turnId, toMessage(a)]));
    return {
      total: Number(total),
      items: userMessages.map((userMessage) => ({
        conversationId: userMessage.toJSON().conversationId,
        userMessage,
        assistantMessage: answerByTurn.get(userMessage.toJSON().turnId) ?? null,
      })),
    };
  }
}

const INTERRUPTED = JSON.stringify({
  code: 'interrupted',
  message: 'The server producing this answer stopped before it finished; the text so far is kept',
  retryable: true,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string) => UUID.test(value);
