import {
  ConversationRepository,
  ConversationUnitOfWork,
} from '../application/ports/conversation.repository';
import { Conversation, DomainError, Message, MessageProps } from '../domain';
import { InMemoryStore } from './in-memory.store';

/** Stages a transaction's changes and applies them all at commit, or none. */
class InMemoryUnitOfWork implements ConversationUnitOfWork {
  readonly created: Conversation[] = [];
  readonly saved = new Set<Conversation>();
  readonly added: MessageProps[] = [];
  readonly removed = new Set<string>();
  private readonly loaded = new Set<string>();

  constructor(private readonly store: InMemoryStore) {}

  async lockConversation(ownerId: string, id: string): Promise<Conversation | null> {
    const key = InMemoryStore.key(ownerId, id);
    const props =
      this.store.conversations.get(key) ??
      this.created.find((c) => InMemoryStore.key(c.ownerId, c.id) === key)?.toJSON();
    return props && props.deletedAt === null ? Conversation.restore(props) : null;
  }

  async addConversationIfMissing(conversation: Conversation): Promise<void> {
    const key = InMemoryStore.key(conversation.ownerId, conversation.id);
    if (!this.store.conversations.has(key)) this.created.push(conversation);
  }

  async findMessage(ownerId: string, conversationId: string, messageId: string) {
    const found = this.store.messages.get(messageId);
    return found && found.ownerId === ownerId && found.conversationId === conversationId
      ? Message.restore(found)
      : null;
  }

  async findTurnByClientMessageId(ownerId: string, conversationId: string, clientId: string) {
    const messages = this.store.conversationMessages(ownerId, conversationId);
    const question = messages.find((m) => m.clientMessageId === clientId);
    const answer = messages
      .filter((m) => m.turnId === question?.turnId && m.role === 'assistant')
      .pop();
    return question && answer
      ? { userMessage: Message.restore(question), assistantMessage: Message.restore(answer) }
      : null;
  }

  async listMessages(ownerId: string, conversationId: string): Promise<Message[]> {
    const messages = this.store.conversationMessages(ownerId, conversationId);
    messages.forEach((m) => this.loaded.add(m.id));
    return messages.map((m) => Message.restore(m));
  }

  addMessage(message: Message): void {
    this.added.push(message.toJSON());
  }

  removeMessages(ids: readonly string[]): void {
    for (const id of ids) {
      if (!this.loaded.has(id)) throw new Error(`Message ${id} was not loaded by this unit`);
      this.removed.add(id);
    }
  }

  saveConversation(conversation: Conversation): void {
    this.saved.add(conversation);
  }

  commit(): void {
    const { conversations, messages } = this.store;
    for (const c of this.created) conversations.set(InMemoryStore.key(c.ownerId, c.id), c.toJSON());
    for (const c of this.saved) conversations.set(InMemoryStore.key(c.ownerId, c.id), c.toJSON());
    for (const m of this.added) {
      const clash = [...messages.values()].some(
        (other) =>
          other.ownerId === m.ownerId &&
          other.conversationId === m.conversationId &&
          (other.seq === m.seq ||
            (m.clientMessageId !== null && other.clientMessageId === m.clientMessageId)),
      );
      // The real tables' unique indexes.
      if (clash) throw new Error(`unique violation for message ${m.id}`);
      messages.set(m.id, m);
    }
    for (const id of this.removed) messages.delete(id);
  }
}

export class InMemoryConversationRepository extends ConversationRepository {
  constructor(readonly store = new InMemoryStore()) {
    super();
  }

  transaction<T>(work: (unit: ConversationUnitOfWork) => Promise<T>): Promise<T> {
    return this.store.exclusive(async () => {
      const unit = new InMemoryUnitOfWork(this.store);
      const result = await work(unit);
      unit.commit();
      return result;
    });
  }

  async insert(conversation: Conversation): Promise<void> {
    const key = InMemoryStore.key(conversation.ownerId, conversation.id);
    if (this.store.conversations.has(key)) {
      throw new DomainError(
        'conflict',
        'conversation_exists',
        `Conversation ${conversation.id} already exists`,
      );
    }
    this.store.conversations.set(key, conversation.toJSON());
  }

  async findOwned(ownerId: string, id: string): Promise<Conversation | null> {
    const props = this.store.conversations.get(InMemoryStore.key(ownerId, id));
    return props && props.deletedAt === null ? Conversation.restore(props) : null;
  }

  async save(conversation: Conversation, expectedVersion: number): Promise<void> {
    const key = InMemoryStore.key(conversation.ownerId, conversation.id);
    if (this.store.conversations.get(key)?.version !== expectedVersion) {
      throw new DomainError('conflict', 'concurrent_update', 'changed by another request');
    }
    this.store.conversations.set(key, conversation.toJSON());
  }
}
