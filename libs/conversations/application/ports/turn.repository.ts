import { Conversation, Message } from '../../domain';

export interface StartedTurn {
  conversation: Conversation;
  userMessage: Message;
  assistantMessage: Message;
  /** True when clientMessageId matched a turn stored before: nothing new was written. */
  replayed: boolean;
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

/** Answers while and after they are produced, and their lease. Every method is scoped to the owner. */
export abstract class TurnRepository {
  /**
   * Persists a running or finished assistant message; false if it was already terminal. A row a
   * sweep settled `interrupted` is overwritten: only the process running the turn calls this, so
   * that settlement was wrong. Throws ServiceUnavailableError while the database is unreachable.
   */
  abstract saveAssistant(message: Message): Promise<boolean>;
  /**
   * Writes heartbeats, and the text added since the last checkpoint where given, of many
   * streaming turns in one write. Returns the ids of the rows written: a turn missing from
   * them is no longer streaming, or its row did not hold the `storedBytes` its text follows.
   */
  abstract checkpoint(entries: TurnCheckpoint[]): Promise<string[]>;
  /**
   * Settles turns left `pending`/`streaming` by a dead process (heartbeat older than leaseMs) as
   * failed with code `interrupted`, keeping their checkpointed text, except the `alive` ones (run
   * by the caller's process). Safe to run on many replicas at once.
   */
  abstract settleStale(
    leaseMs: number,
    scope?: { ownerId: string; conversationId?: string },
    alive?: readonly string[],
  ): Promise<number>;
  abstract findMessage(
    ownerId: string,
    conversationId: string,
    messageId: string,
  ): Promise<Message | null>;
}
