import { Injectable } from '@nestjs/common';
import { activeBranch, Conversation, conversationNotFound, Message } from '../domain';
import { ChatSettings } from './chat-settings';
import { TurnRepository } from './ports/turn.repository';
import {
  ConversationPage,
  ConversationRepository,
  ListConversationsQuery,
  RenderedMessage,
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

  /** The conversation with its active branch as domain messages (for the export). */
  async getWithMessages(
    ownerId: string,
    id: string,
  ): Promise<{ conversation: Conversation; messages: Message[] }> {
    const conversation = await this.get(ownerId, id);
    const messages = await this.settledRead(
      ownerId,
      id,
      () => this.conversations.listMessages(ownerId, id, { all: false }),
      (read) => read.some((m) => !m.isTerminal),
    );
    return { conversation, messages };
  }

  /** As getWithMessages, with the messages rendered as the API's JSON by the store. */
  async getWithRenderedMessages(
    ownerId: string,
    id: string,
    all = false,
  ): Promise<{ conversation: Conversation; messages: RenderedMessage[] }> {
    const conversation = await this.get(ownerId, id);
    const { messages, leafId } = await this.settledRead(
      ownerId,
      id,
      () => this.conversations.listRenderedMessages(ownerId, id),
      (read) => read.unfinished,
    );
    return { conversation, messages: all ? messages : activeBranch(messages, leafId) };
  }

  /** Only a read that shows unfinished answers pays for settling those a dead process left. */
  private async settledRead<T>(
    ownerId: string,
    conversationId: string,
    read: () => Promise<T>,
    unfinished: (result: T) => boolean,
  ): Promise<T> {
    const result = await read();
    if (!unfinished(result)) return result;
    const settled = await this.turns.settleStale(this.settings.leaseMs, {
      ownerId,
      conversationId,
    });
    return settled > 0 ? read() : result;
  }
}
