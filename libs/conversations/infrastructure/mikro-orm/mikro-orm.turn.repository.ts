import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  StartedTurn,
  StartTurnInput,
  TurnCheckpoint,
  TurnPage,
  TurnRepository,
  UsageRow,
} from '../../application/ports/turn.repository';
import { chooseModel } from '../../application/ports/model-policy';
import { invalidInput, Message } from '../../domain';
import {
  answerChanges,
  conversationFromRow,
  MESSAGE_COLUMNS,
  messageFromRow,
  messageValues,
  PLACEHOLDERS,
  Row,
} from './rows';
import { deleteBranch, regenerateAnswer } from './branch.operations';
import { listTurns, usageByDay } from './turn-history.reads';
import { checkpointTurns, settleStaleTurns } from './turn-lease.writes';
import { PooledSql, Sql } from './pg-sql';
import { isUuid, lockConversation } from './turn.sql';
import { startTurnInOneStatement } from './start-turn.statement';
import { turnMessages } from './turn-messages';

@Injectable()
export class MikroOrmTurnRepository extends TurnRepository {
  private readonly db: PooledSql;

  constructor(private readonly orm: MikroORM) {
    super();
    this.db = new PooledSql(orm);
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
      return (
        (await this.startInOneStatement(input)) ??
        (await this.db.transaction((tx) => this.writeTurn(tx, input)))
      );
    } catch (error) {
      // A concurrent duplicate of the same clientMessageId lost the race on the unique index.
      if (error instanceof UniqueConstraintViolationException && input.clientMessageId) {
        const stored = await this.findByClientMessageId(input);
        if (stored) return stored;
      }
      throw error;
    }
  }

  /** The usual case in one round trip; null sends the caller down the general path. */
  private async startInOneStatement(input: StartTurnInput): Promise<StartedTurn | null> {
    const started = await startTurnInOneStatement(this.db, input);
    if (!started) return null;
    const { userMessage, assistantMessage } = turnMessages(input, started.placement);
    return {
      conversation: conversationFromRow(started.row),
      userMessage,
      assistantMessage,
      replayed: false,
      messagesAtStart: started.history && [...started.history, userMessage, assistantMessage],
    };
  }

  /** The general path: a transaction that tells a missing conversation, a bad model or parent apart. */
  private async writeTurn(tx: Sql, input: StartTurnInput): Promise<StartedTurn> {
    const { ownerId, conversationId, now } = input;
    if (input.createIfMissing) {
      await tx.query(
        `insert into conversations (owner_id, id, title, model, created_at, updated_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing`,
        [ownerId, conversationId, input.autoTitle, null, now, now],
      );
    }
    const locked = await lockConversation(tx, ownerId, conversationId);
    const model = chooseModel(input.model, locked.model);
    const parentId = input.parentId === undefined ? locked.current_leaf_id : input.parentId;
    if (input.parentId) await this.assertParent(tx, ownerId, conversationId, input.parentId);
    const { userMessage, assistantMessage } = turnMessages(input, {
      previousSeq: locked.last_seq,
      parentId,
      model,
    });
    await tx.query(
      `insert into messages (${MESSAGE_COLUMNS}) values (${PLACEHOLDERS}), (${PLACEHOLDERS})`,
      [...messageValues(userMessage), ...messageValues(assistantMessage)],
    );
    const [row] = await tx.query<Row>(
      `update conversations set last_seq = last_seq + 2, message_count = message_count + 2, current_leaf_id = ?,
         title = coalesce(title, ?), updated_at = ?, version = version + 1
       where owner_id = ? and id = ? returning *`,
      [assistantMessage.id, input.autoTitle, now, ownerId, conversationId],
    );
    return {
      conversation: conversationFromRow(row),
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
    tx: Sql,
    ownerId: string,
    conversationId: string,
    parentId: string,
  ): Promise<void> {
    const found =
      isUuid(parentId) &&
      (
        await tx.query(
          'select 1 from messages where owner_id = ? and conversation_id = ? and id = ?',
          [ownerId, conversationId, parentId],
        )
      ).length > 0;
    if (!found)
      throw invalidInput(
        'invalid_parent',
        `parentId ${parentId} is not a message of this conversation`,
      );
  }

  private async findByClientMessageId(input: StartTurnInput): Promise<StartedTurn | null> {
    const [user] = await this.db.query(
      `select ${MESSAGE_COLUMNS} from messages where owner_id = ? and conversation_id = ? and client_message_id = ?`,
      [input.ownerId, input.conversationId, input.clientMessageId],
    );
    if (!user) return null;
    const [[assistant], [conversation]] = await Promise.all([
      this.db.query(
        `select ${MESSAGE_COLUMNS} from messages where owner_id = ? and turn_id = ? and role = 'assistant' order by seq desc limit 1`,
        [input.ownerId, user.turn_id],
      ),
      this.db.query('select * from conversations where owner_id = ? and id = ?', [
        input.ownerId,
        input.conversationId,
      ]),
    ]);
    if (!assistant || !conversation) return null;
    return {
      conversation: conversationFromRow(conversation),
      userMessage: messageFromRow(user),
      assistantMessage: messageFromRow(assistant),
      replayed: true,
    };
  }

  async saveAssistant(message: Message): Promise<boolean> {
    const { set, values } = answerChanges(message);
    const { id, ownerId } = message.toJSON();
    const rows = await this.db.query(
      `update messages set ${set} where id = ? and owner_id = ? and status in ('pending', 'streaming') returning id`,
      [...values, id, ownerId],
    );
    return rows.length > 0;
  }

  checkpoint(entries: TurnCheckpoint[]): Promise<string[]> {
    return checkpointTurns(this.db, entries);
  }

  settleStale(
    leaseMs: number,
    scope?: { ownerId: string; conversationId?: string },
  ): Promise<number> {
    return settleStaleTurns(this.db, leaseMs, scope);
  }

  usage(ownerId: string, from: Date, to: Date): Promise<UsageRow[]> {
    return usageByDay(this.db, ownerId, from, to);
  }

  async findMessage(
    ownerId: string,
    conversationId: string,
    messageId: string,
  ): Promise<Message | null> {
    if (!isUuid(messageId)) return null;
    const [row] = await this.db.query(
      `select ${MESSAGE_COLUMNS} from messages where owner_id = ? and conversation_id = ? and id = ?`,
      [ownerId, conversationId, messageId],
    );
    return row ? messageFromRow(row) : null;
  }

  listTurns(query: {
    ownerId: string;
    conversationId?: string;
    messageRef?: string;
    limit: number;
    offset: number;
  }): Promise<TurnPage> {
    return listTurns(this.db, query);
  }
}
