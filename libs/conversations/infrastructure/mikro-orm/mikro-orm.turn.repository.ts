import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { TurnCheckpoint, TurnRepository } from '../../application/ports/turn.repository';
import { Message } from '../../domain';
import { MessageRecord } from './message.record';
import { isUuid, toMessage } from './record.mappers';
import { checkpointTurns, settleStaleTurns } from './turn-lease.writes';
import { unavailableAsRetryable } from './unavailable-as-retryable';

@Injectable()
export class MikroOrmTurnRepository extends TurnRepository {
  constructor(private readonly orm: MikroORM) {
    super();
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  async saveAssistant(message: Message): Promise<boolean> {
    const m = message.toJSON();
    // Only a running answer is written, or one a sweep settled `interrupted` while this process,
    // cut off from the database, still ran it: the live answer wins. Other terminal rows are history.
    const changed = await this.em()
      .nativeUpdate(
        MessageRecord,
        {
          id: m.id,
          ownerId: m.ownerId,
          $or: [
            { status: { $in: ['pending', 'streaming'] } },
            { status: 'failed', error: { code: 'interrupted' } },
          ],
        },
        {
          content: m.content,
          status: m.status,
          model: m.model,
          stopReason: m.stopReason,
          inputTokens: m.inputTokens,
          outputTokens: m.outputTokens,
          latencyMs: m.latencyMs,
          timeToFirstTokenMs: m.timeToFirstTokenMs,
          error: m.error,
          metadata: m.metadata,
          heartbeatAt: m.heartbeatAt,
          updatedAt: m.updatedAt,
        },
      )
      .catch(unavailableAsRetryable);
    return changed > 0;
  }

  checkpoint(entries: TurnCheckpoint[]): Promise<string[]> {
    return checkpointTurns(this.em(), entries);
  }

  settleStale(
    leaseMs: number,
    scope?: { ownerId: string; conversationId?: string },
    alive?: readonly string[],
  ): Promise<number> {
    return settleStaleTurns(this.em(), leaseMs, scope, alive);
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
}
