import { Injectable } from '@nestjs/common';
import { Share, shareNotFound } from '../domain';
import { ConversationQueries } from './conversation-queries';
import { Clock } from './ports/clock';
import { ShareRepository } from './ports/share.repository';
import { SHARE_TOKEN_PATTERN, ShareTokens } from './ports/share-tokens';

export interface CreateShareCommand {
  ownerId: string;
  conversationId: string;
  expiresInDays?: number | null;
}

/** Owner side of sharing: snapshot, list and revoke, each scoped to the caller's conversation. */
@Injectable()
export class ShareConversationUseCases {
  constructor(
    private readonly queries: ConversationQueries,
    private readonly shares: ShareRepository,
    private readonly tokens: ShareTokens,
    private readonly clock: Clock,
  ) {}

  /** A snapshot of the active branch as it is now; 404 for a conversation not the caller's. */
  async create(command: CreateShareCommand): Promise<Share> {
    const { conversation, messages } = await this.queries.getWithMessages(
      command.ownerId,
      command.conversationId,
    );
    const share = Share.snapshot({
      token: this.tokens.next(),
      ownerId: command.ownerId,
      conversationId: conversation.id,
      title: conversation.title,
      branch: messages,
      now: this.clock.now(),
      expiresInDays: command.expiresInDays,
    });
    await this.shares.save(share);
    return share;
  }

  async list(ownerId: string, conversationId: string): Promise<Share[]> {
    await this.queries.get(ownerId, conversationId);
    return this.shares.listForConversation(ownerId, conversationId);
  }

  async revoke(ownerId: string, conversationId: string, token: string): Promise<void> {
    await this.queries.get(ownerId, conversationId);
    if (
      !SHARE_TOKEN_PATTERN.test(token) ||
      !(await this.shares.delete(ownerId, conversationId, token))
    )
      throw shareNotFound();
  }
}

/** The public side: a share by its token, while it exists and has not expired. */
@Injectable()
export class ReadShareQuery {
  constructor(
    private readonly shares: ShareRepository,
    private readonly clock: Clock,
  ) {}

  async execute(token: string): Promise<Share> {
    const share = SHARE_TOKEN_PATTERN.test(token) ? await this.shares.findByToken(token) : null;
    if (!share || !share.isReadableAt(this.clock.now())) throw shareNotFound();
    return share;
  }
}
