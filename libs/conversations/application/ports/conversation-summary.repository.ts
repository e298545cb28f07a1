/** A summary the model wrote of a branch's oldest messages, up to and including `coversUntilMessageId`. */
export interface ConversationSummary {
  conversationId: string;
  ownerId: string;
  content: string;
  coversUntilMessageId: string;
  /** The model that wrote it. */
  model: string;
  createdAt: Date;
}

/**
 * Stored summaries. A conversation may hold several (one per branch point they cover up to);
 * they go with the message they cover when it is deleted. Every method is scoped to the owner.
 */
export abstract class ConversationSummaryRepository {
  abstract list(ownerId: string, conversationId: string): Promise<ConversationSummary[]>;
  /** Stores a summary; one covering the same message replaces it. */
  abstract save(summary: ConversationSummary): Promise<void>;
}
