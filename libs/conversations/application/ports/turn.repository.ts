import { Conversation, Message } from '../../domain';
import { ModelChoice } from './model-policy';

export interface StartTurnInput {
  ownerId: string;
  conversationId: string;
  /** Create the conversation when it does not exist (the seed's POST /chats with a new chat_id). */
  createIfMissing: boolean;
  content: string;
  clientMessageId: string | null;
  /** Where the new question hangs: undefined = after the current leaf, null = a new root (edit of the first question), an id = after that message. */
  parentId: string | null | undefined;
  /** The turn's model, applied to the conversation's own model under its row lock. */
  model: ModelChoice;
  /** Title given to an untitled conversation. */
  autoTitle: string;
  ids: { userMessageId: string; assistantMessageId: string; turnId: string };
  now: Date;
}

export interface StartedTurn {
  conversation: Conversation;
  userMessage: Message;
  assistantMessage: Message;
  /** True when clientMessageId matched a turn stored before: nothing new was written. */
  replayed: boolean;
  /**
   * Every message of the conversation as the turn started (its two new ones included), when the
   * start could read them in the same step; absent, the caller reads them itself.
   */
  messagesAtStart?: Message[];
}

export interface TurnView {
  conversationId: string;
  userMessage: Message;
  assistantMessage: Message | null;
}

export interface UsageRow {
  day: string;
  model: string;
  answers: number;
  inputTokens: number;
  outputTokens: number;
}

export interface TurnPage {
  items: TurnView[];
  total: number;
}

/** A streaming turn's checkpoint: its heartbeat, and the answer's text added since the last one. */
export interface TurnCheckpoint {
  /** The assistant message. */
  id: string;
  /**
   * UTF-8 bytes of the answer the row holds, which `text` follows; -1: `text` is the whole
   * answer. Sending only the new text keeps a tick's statement small however long answers grow.
   */
  storedBytes: number;
  /** Text to add; null: heartbeat only. */
  text: string | null;
}

/** Writes and reads turns (a user message and its answer). Every method is scoped to the owner. */
export abstract class TurnRepository {
  /**
   * Atomically takes two gap-free seq numbers, stores the user message and a pending assistant
   * message and moves the conversation's leaf. A repeated clientMessageId returns the stored turn.
   * Throws not_found when the conversation is missing (and createIfMissing is false) or deleted.
   */
  abstract startTurn(input: StartTurnInput): Promise<StartedTurn>;
  /**
   * A new answer to the user message of `assistantMessageId`: a sibling assistant message (same
   * parent, same turn) that becomes the conversation's leaf. Throws conflict while the old one streams.
   */
  abstract startRegeneration(input: {
    ownerId: string;
    conversationId: string;
    assistantMessageId: string;
    newMessageId: string;
    model: string;
    now: Date;
  }): Promise<StartedTurn>;
  /**
   * Deletes a message and every message after it in its branches; the conversation's leaf moves to
   * the newest remaining message when it was deleted. Throws conflict while any of them streams.
   */
  abstract deleteBranch(
    ownerId: string,
    conversationId: string,
    messageId: string,
  ): Promise<number>;
  /** Persists a running or finished assistant message; false if it was already terminal. */
  abstract saveAssistant(message: Message): Promise<boolean>;
  /**
   * Writes heartbeats, and the text added since the last checkpoint where given, of many
   * streaming turns in one statement. Returns the ids of the rows written: a turn missing from
   * them is no longer streaming, or its row did not hold the `storedBytes` its text follows.
   */
  abstract checkpoint(entries: TurnCheckpoint[]): Promise<string[]>;
  /**
   * Settles turns left `pending`/`streaming` by a dead process (heartbeat older than leaseMs) as
   * failed with code `interrupted`, keeping their checkpointed text. Safe to run on many replicas at once.
   */
  abstract settleStale(
    leaseMs: number,
    scope?: { ownerId: string; conversationId?: string },
  ): Promise<number>;
  /** Answers and tokens per UTC day and model, for [from, to). */
  abstract usage(ownerId: string, from: Date, to: Date): Promise<UsageRow[]>;
  abstract findMessage(
    ownerId: string,
    conversationId: string,
    messageId: string,
  ): Promise<Message | null>;
  /** Turns newest first; filtered to one conversation and/or one message (by id or clientMessageId). */
  abstract listTurns(query: {
    ownerId: string;
    conversationId?: string;
    messageRef?: string;
    limit: number;
    offset: number;
  }): Promise<TurnPage>;
}
