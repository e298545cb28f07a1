import { Injectable } from '@nestjs/common';
import { conversationNotFound } from '../domain';
import { Clock } from './ports/clock';
import { ConversationRepository } from './ports/conversation.repository';

/** Deletes a message and what follows it in its branches (e.g. a bad question and its answers). */
@Injectable()
export class DeleteBranchUseCase {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly clock: Clock,
  ) {}

  execute(ownerId: string, conversationId: string, messageId: string): Promise<number> {
    return this.conversations.transaction(async (unit) => {
      const conversation = await unit.lockConversation(ownerId, conversationId);
      if (!conversation) throw conversationNotFound(conversationId);
      const messages = await unit.listMessages(ownerId, conversationId);
      const removed = conversation.deleteBranch(messageId, messages, this.clock.now());
      unit.removeMessages(removed);
      unit.saveConversation(conversation);
      return removed.length;
    });
  }
}
