import type { ConversationProps, MessageProps } from '../domain';

/** The rows of an in-memory database, keyed as the real tables are. */
export class InMemoryStore {
  readonly conversations = new Map<string, ConversationProps>();
  readonly messages = new Map<string, MessageProps>();
  /** Serialises transactions, as the conversation row lock does. */
  private queue: Promise<unknown> = Promise.resolve();

  static key(ownerId: string, id: string): string {
    return `${ownerId}\u0000${id}`;
  }

  /** Runs `work` after every transaction before it, whatever their outcome. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  conversationMessages(ownerId: string, conversationId: string): MessageProps[] {
    return [...this.messages.values()]
      .filter((m) => m.ownerId === ownerId && m.conversationId === conversationId)
      .sort((a, b) => a.seq - b.seq);
  }
}
