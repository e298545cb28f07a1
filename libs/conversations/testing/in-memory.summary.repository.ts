import {
  ConversationSummary,
  ConversationSummaryRepository,
} from '../application/ports/conversation-summary.repository';

/** Summaries kept in a map, keyed as the table is (by the last message covered). */
export class InMemoryConversationSummaryRepository extends ConversationSummaryRepository {
  readonly rows = new Map<string, ConversationSummary>();
  /** Set to make every call fail, as a database outage would. */
  failing = false;

  async list(ownerId: string, conversationId: string): Promise<ConversationSummary[]> {
    if (this.failing) throw new Error('summaries unavailable');
    return [...this.rows.values()]
      .filter((s) => s.ownerId === ownerId && s.conversationId === conversationId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  async save(summary: ConversationSummary): Promise<void> {
    if (this.failing) throw new Error('summaries unavailable');
    this.rows.set(summary.coversUntilMessageId, { ...summary });
  }
}
