import { Conversation, Message } from '../../domain';

/**
 * One transaction of a use case. A conversation loaded through it stays locked until the end;
 * what is staged (added, removed, saved) is written at commit, all or nothing.
 */
export interface ConversationUnitOfWork {
  /** Locks and loads the owner's conversation; null when missing or deleted. */
  lockConversation(ownerId: string, id: string): Promise<Conversation | null>;
  /** Stores a new conversation at once, unless one with its id exists (deleted ones included). */
  addConversationIfMissing(conversation: Conversation): Promise<void>;
  /** Null when it is not a message of this conversation. */
  findMessage(ownerId: string, conversationId: string, messageId: string): Promise<Message | null>;
  /** The question sent with this client id and its newest answer; null when none was. */
  findTurnByClientMessageId(
    ownerId: string,
    conversationId: string,
    clientMessageId: string,
  ): Promise<{ userMessage: Message; assistantMessage: Message } | null>;
  /** Every message of the conversation, in seq order. */
  listMessages(ownerId: string, conversationId: string): Promise<Message[]>;
  addMessage(message: Message): void;
  /** Removes messages this unit loaded (through listMessages). */
  removeMessages(ids: readonly string[]): void;
  /** Writes the conversation's changes; it must have been loaded by lockConversation. */
  saveConversation(conversation: Conversation): void;
}

/** Persistence of conversations; every method is scoped to the owner. */
export abstract class ConversationRepository {
  /** Runs `work` in one transaction; rolled back when it throws. */
  abstract transaction<T>(work: (unit: ConversationUnitOfWork) => Promise<T>): Promise<T>;
  /** Throws a `conflict` DomainError when the owner already has a conversation with this id. */
  abstract insert(conversation: Conversation): Promise<void>;
  /** Null when missing, deleted or owned by someone else. */
  abstract findOwned(ownerId: string, id: string): Promise<Conversation | null>;
  /** Writes title, prompt, model, metadata, deletion; throws `conflict` on a concurrent change. */
  abstract save(conversation: Conversation, expectedVersion: number): Promise<void>;
}
