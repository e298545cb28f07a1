import { Injectable } from '@nestjs/common';
import { conversationNotFound } from '../domain';
import { Clock } from './ports/clock';
import { ConversationRepository } from './ports/conversation.repository';

/** Makes the branch through a message the active one (the ‹ 1 / 2 › of a chat UI). */
@Injectable()
export class SwitchBranchUseCase {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly clock: Clock,
  ) {}

  /** Returns the id of the new leaf: the next turn continues from it. */
  execute(ownerId: string, conversationId: string, messageId: string): Promise<string> {
    return this.conversations.transaction(async (unit) => {
      const conversation = await unit.lockConversation(ownerId, conversationId);
      if (!conversation) throw conversationNotFound(conversationId);
      const messages = await unit.listMessages(ownerId, conversationId);
      const leaf = conversation.switchBranch(messageId, messages, this.clock.now());
      unit.saveConversation(conversation);
      return leaf.id;
    });
  }
}
