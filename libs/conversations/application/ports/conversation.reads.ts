import type { ConversationProps, MessageProps } from '../../domain';

/** Read models: what the stores hold, as plain data for presenters. */
export type ConversationView = Readonly<ConversationProps>;
export type MessageView = Readonly<MessageProps>;

export interface ConversationCursor {
  updatedAt: Date;
  id: string;
}

/** A page of the seed's turns: all of a user's, one conversation's, or one message's. */
export interface ListTurnsQuery {
  ownerId: string;
  conversationId?: string;
  /** A client message id (the seed's `message_uid`) or a message id. */
  messageRef?: string;
  limit: number;
  offset: number;
}

export interface ListConversationsQuery {
  ownerId: string;
  limit: number;
  offset: number;
  cursor?: ConversationCursor;
  /** Case-insensitive search in titles. */
  q?: string;
}

export interface ConversationPage {
  items: ConversationView[];
  total: number;
  next: ConversationCursor | null;
}

export interface MessageHistory {
  /** Every branch, ordered by seq. */
  messages: MessageView[];
  /** The conversation's current leaf, read with the messages. */
  leafId: string | null;
}

/** A question and its newest answer. */
export interface TurnView {
  conversationId: string;
  userMessage: MessageView;
  assistantMessage: MessageView | null;
}

export interface TurnPage {
  items: TurnView[];
  total: number;
}

export interface UsageRow {
  day: string;
  model: string;
  answers: number;
  inputTokens: number;
  outputTokens: number;
  /** USD of the priced answers (answers of a model without a price count 0). */
  costUsd: number;
}

/** What a user spent over a period: answers, tokens and USD. */
export type UsageTotals = Omit<UsageRow, 'day' | 'model'>;

/** The read side; every method is scoped to the owner and skips deleted conversations. */
export abstract class ConversationReads {
  abstract findConversation(ownerId: string, id: string): Promise<ConversationView | null>;
  abstract listConversations(query: ListConversationsQuery): Promise<ConversationPage>;
  abstract listMessages(ownerId: string, conversationId: string): Promise<MessageHistory>;
  /** Turns newest first; filtered to one conversation and/or one message (by id or clientMessageId). */
  abstract listTurns(query: ListTurnsQuery): Promise<TurnPage>;
  /** Answers and tokens per UTC day and model, for [from, to). */
  abstract usage(ownerId: string, from: Date, to: Date): Promise<UsageRow[]>;
  /** The answers since `from` (deleted conversations included: their cost was spent). */
  abstract usageSince(ownerId: string, from: Date): Promise<UsageTotals>;
}
