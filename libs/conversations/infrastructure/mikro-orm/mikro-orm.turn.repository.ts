import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  StartedTurn,
  StartTurnInput,
  TurnPage,
  TurnRepository,
  UsageRow,
} from '../../application/ports/turn.repository';
import { invalidInput, Message, NO_OUTCOME } from '../../domain';
import { ConversationRecord } from './conversation.record';
import { MessageRecord } from './message.record';
import { toConversation, toMessage, toMessageRecord } from './record.mappers';
import { deleteBranch, regenerateAnswer } from './branch.operations';
import { listTurns, usageByDay } from './turn-history.reads';
import { checkpointTurns, settleStaleTurns } from './turn-lease.writes';
import { isUuid, lockConversation } from './turn.sql';

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
    const locked = await lockConversation(em, ownerId, conversationId);
    const parentId = input.parentId === undefined ? locked.current_leaf_id : input.parentId;
    if (input.parentId) await this.assertParent(em, ownerId, conversationId, input.parentId);
    const base = {
      conversationId,
      ownerId,
      turnId: input.ids.turnId,
      model: input.model,
      ...NO_OUTCOME,
      metadata: {},
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
      // Streaming from the start: the run begins right after the commit, and the lease covers a crash in between.
      status: 'streaming',
      heartbeatAt: now,
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

  startRegeneration(input: {
    ownerId: string;
    conversationId: string;
    assistantMessageId: string;
    newMessageId: string;
    model: string;
    now: Date;
  }): Promise<StartedTurn> {
    return regenerateAnswer(this.em(), input);
  }

  deleteBranch(ownerId: string, conversationId: string, messageId: string): Promise<number> {
    return deleteBranch(this.em(), ownerId, conversationId, messageId);
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

  checkpoint(entries: { id: string; content: string | null }[]): Promise<void> {
    return checkpointTurns(this.em(), entries);
  }

  settleStale(
    leaseMs: number,
    scope?: { ownerId: string; conversationId?: string },
  ): Promise<number> {
    return settleStaleTurns(this.em(), leaseMs, scope);
  }

  usage(ownerId: string, from: Date, to: Date): Promise<UsageRow[]> {
    return usageByDay(this.em(), ownerId, from, to);
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

  listTurns(query: {
    ownerId: string;
    conversationId?: string;
    messageRef?: string;
    limit: number;
    offset: number;
  }): Promise<TurnPage> {
    return listTurns(this.em(), query);
  }
}
