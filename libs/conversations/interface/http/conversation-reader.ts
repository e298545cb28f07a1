import { Injectable } from '@nestjs/common';
import { ConversationQueries } from '../../application/conversation-queries';
import { ConversationSummaries } from '../../application/conversation-summaries';
import { ConversationWithMessagesDto } from './dto/conversation-view.dto';
import { presentConversation, presentMessage, presentSummary } from './presenters';

/** A conversation as its read shows it: the active branch and the summary that covers its start. */
@Injectable()
export class ConversationReader {
  constructor(
    private readonly queries: ConversationQueries,
    private readonly summaries: ConversationSummaries,
  ) {}

  async read(ownerId: string, id: string): Promise<ConversationWithMessagesDto> {
    const read = this.queries.getWithMessages(ownerId, id);
    const [{ conversation, messages }, summary] = await Promise.all([
      read,
      this.summaries.forBranch(
        ownerId,
        id,
        read.then((r) => r.messages),
      ),
    ]);
    return {
      ...presentConversation(conversation),
      messages: messages.map(presentMessage),
      summary: summary ? presentSummary(summary) : null,
    };
  }
}
