import { Injectable } from '@nestjs/common';
import { Conversation, conversationNotFound, Message } from '../domain';
import { ChatSettings } from './chat-settings';
import { TurnRepository } from './ports/turn.repository';
import {
  ConversationPage,
  ConversationRepository,
  ListConversationsQuery,
} from './ports/conversation.repository';

/** Read side of the conversation resource. */
@Injectable()
export class ConversationQueries {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly turns: TurnRepository,
    private readonly settings: ChatSettings,
  ) {}

  list(query: ListConversationsQuery): Promise<ConversationPage> {
    return this.conversations.list(query);
  }

  async get(ownerId: string, id: string): Promise<Conversation> {
    const conversation = await this.conversations.findOwned(ownerId, id);
    if (!conversation) throw conversationNotFound(id);
    return conversation;
  }

  async getWithMessages(
    ownerId: string,
    id: string,
    all = false,
  ): Promise<{ conversation: Conversation; messages: Message[] }> {
    const conversation = await this.get(ownerId, id);
    let messages = await this.conversations.listMessages(ownerId, id, { all });
    // Only a read that shows unfinished answers pays for settling those a dead process left.
    if (
      messages.some((m) => !m.isTerminal) &&
      (await this.turns.settleStale(this.settings.leaseMs, { ownerId, conversationId: id })) > 0
    ) {
      messages = await this.conversations.listMessages(ownerId, id, { all });
    }
    return { conversation, messages };
  }
}
