import { Conversation, Message } from '../../domain';

export interface ConversationCursor {
  updatedAt: Date;
  id: string;
}

export interface ListConversationsQuery {
  ownerId: string;
  limit: number;
  offset: number;
  cursor?: ConversationCursor;
  /** Case-insensitive search in titles. */
  q?: string;
}

/** A message as the API shows it (the MessageDto), rendered to JSON text by the store. */
export interface RenderedMessage {
  id: string;
  parentId: string | null;
  json: string;
}

export interface RenderedMessages {
  /** Every branch, ordered by seq. */
  messages: RenderedMessage[];
  /** Some answer is still pending or streaming. */
  unfinished: boolean;
  /** The conversation's current leaf, read with the messages. */
  leafId: string | null;
}

export interface ConversationPage {
  items: Conversation[];
  total: number;
  next: ConversationCursor | null;
}

/** Persistence of conversations; every method is scoped to the owner. */
export abstract class ConversationRepository {
  /** Throws a `conflict` DomainError when the owner already has a conversation with this id. */
  abstract insert(conversation: Conversation): Promise<void>;
  /** Null when missing, deleted or owned by someone else. */
  abstract findOwned(ownerId: string, id: string): Promise<Conversation | null>;
  abstract list(query: ListConversationsQuery): Promise<ConversationPage>;
  /** Writes title, prompt, model, metadata, deletion; throws `conflict` on a concurrent change. */
  abstract save(conversation: Conversation, expectedVersion: number): Promise<void>;
  /** Messages ordered by seq: the active branch, or every branch with `all`. */
  abstract listMessages(
    ownerId: string,
    conversationId: string,
    options: { all: boolean },
  ): Promise<Message[]>;
  /**
   * Every message, already rendered as the API's JSON: reads that send messages unchanged skip
   * building, and then serialising, a twenty-field object per message (most of a long read's CPU).
   */
  abstract listRenderedMessages(ownerId: string, conversationId: string): Promise<RenderedMessages>;
}
