import { Injectable } from '@nestjs/common';
import { activeBranch, conversationNotFound, isTerminalStatus } from '../domain';
import {
  ConversationPage,
  ConversationReads,
  ConversationView,
  ListConversationsQuery,
  MessageHistory,
  MessageView,
} from './ports/conversation.reads';
import { StaleTurns } from './stale-turns';

/** Read side of the conversation resource. */
@Injectable()
export class ConversationQueries {
  constructor(
    private readonly reads: ConversationReads,
    private readonly staleTurns: StaleTurns,
  ) {}

  list(query: ListConversationsQuery): Promise<ConversationPage> {
    return this.reads.listConversations(query);
  }

  async get(ownerId: string, id: string): Promise<ConversationView> {
    const conversation = await this.reads.findConversation(ownerId, id);
    if (!conversation) throw conversationNotFound(id);
    return conversation;
  }

  /** The conversation with the messages of its active branch, or of every branch with `all`. */
  async getWithMessages(
    ownerId: string,
    id: string,
    all = false,
  ): Promise<{ conversation: ConversationView; messages: MessageView[] }> {
    // Both reads are scoped to the owner: the messages of an unknown conversation are none.
    const [conversation, { messages, leafId }] = await Promise.all([
      this.get(ownerId, id),
      this.settledRead(ownerId, id),
    ]);
    return { conversation, messages: all ? messages : activeBranch(messages, leafId) };
  }

  /** Only a read that shows unfinished answers pays for settling those a dead process left. */
  private async settledRead(ownerId: string, conversationId: string): Promise<MessageHistory> {
    const history = await this.reads.listMessages(ownerId, conversationId);
    if (history.messages.every((m) => isTerminalStatus(m.status))) return history;
    const settled = await this.staleTurns.settle({
      ownerId,
      conversationId,
    });
    return settled > 0 ? this.reads.listMessages(ownerId, conversationId) : history;
  }
}
