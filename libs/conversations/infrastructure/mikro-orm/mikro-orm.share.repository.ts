import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ShareRepository } from '../../application/ports/share.repository';
import { Share } from '../../domain';
import { ConversationRecord } from './conversation.record';
import { ShareRecord } from './share.record';

@Injectable()
export class MikroOrmShareRepository extends ShareRepository {
  constructor(private readonly orm: MikroORM) {
    super();
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  async save(share: Share): Promise<void> {
    const s = share.toJSON();
    const em = this.em();
    em.create(ShareRecord, {
      ...s,
      messages: s.messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
    });
    await em.flush();
  }

  async findByToken(token: string): Promise<Share | null> {
    const em = this.em();
    const record = await em.findOne(ShareRecord, { token });
    if (!record) return null;
    const live = await em.count(ConversationRecord, {
      ownerId: record.ownerId,
      id: record.conversationId,
      deletedAt: null,
    });
    return live > 0 ? toShare(record) : null;
  }

  async listForConversation(ownerId: string, conversationId: string): Promise<Share[]> {
    const records = await this.em().find(
      ShareRecord,
      { ownerId, conversationId },
      { orderBy: { createdAt: 'desc', token: 'asc' } },
    );
    return records.map(toShare);
  }

  async delete(ownerId: string, conversationId: string, token: string): Promise<boolean> {
    return (await this.em().nativeDelete(ShareRecord, { token, ownerId, conversationId })) > 0;
  }
}

function toShare(record: ShareRecord): Share {
  return Share.restore({
    token: record.token,
    ownerId: record.ownerId,
    conversationId: record.conversationId,
    title: record.title,
    messages: record.messages.map((m) => ({ ...m, createdAt: new Date(m.createdAt) })),
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
  });
}
