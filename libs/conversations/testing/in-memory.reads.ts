import {
  ConversationPage,
  ConversationReads,
  ConversationView,
  ListConversationsQuery,
  MessageHistory,
  TurnPage,
  UsageRow,
} from '../application/ports/conversation.reads';
import { TurnCheckpoint, TurnRepository } from '../application/ports/turn.repository';
import { isTerminalStatus, Message } from '../domain';
import { InMemoryStore } from './in-memory.store';

export class InMemoryConversationReads extends ConversationReads {
  constructor(private readonly store: InMemoryStore) {
    super();
  }

  async findConversation(ownerId: string, id: string): Promise<ConversationView | null> {
    const props = this.store.conversations.get(InMemoryStore.key(ownerId, id));
    return props && props.deletedAt === null ? { ...props } : null;
  }

  async listConversations(query: ListConversationsQuery): Promise<ConversationPage> {
    const owned = [...this.store.conversations.values()]
      .filter((c) => c.ownerId === query.ownerId && c.deletedAt === null)
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
    return {
      items: owned.slice(query.offset, query.offset + query.limit),
      total: owned.length,
      next: null,
    };
  }

  async listMessages(ownerId: string, conversationId: string): Promise<MessageHistory> {
    const conversation = this.store.conversations.get(InMemoryStore.key(ownerId, conversationId));
    return {
      messages: this.store.conversationMessages(ownerId, conversationId).map((m) => ({ ...m })),
      leafId: conversation?.currentLeafId ?? null,
    };
  }

  async listTurns(): Promise<TurnPage> {
    return { items: [], total: 0 };
  }

  async usage(): Promise<UsageRow[]> {
    return [];
  }
}

/** Answers and their lease in memory; `now` is the test's clock for staleness. */
export class InMemoryTurnRepository extends TurnRepository {
  constructor(
    private readonly store: InMemoryStore,
    private readonly now: () => Date,
  ) {
    super();
  }

  async saveAssistant(message: Message): Promise<boolean> {
    const stored = this.store.messages.get(message.id);
    const settledByMistake = stored?.status === 'failed' && stored.error?.code === 'interrupted';
    if (!stored || (isTerminalStatus(stored.status) && !settledByMistake)) return false;
    this.store.messages.set(message.id, message.toJSON());
    return true;
  }

  async checkpoint(entries: TurnCheckpoint[]): Promise<string[]> {
    const written: string[] = [];
    for (const entry of entries) {
      const stored = this.store.messages.get(entry.id);
      if (!stored || stored.status !== 'streaming') continue;
      const content =
        entry.text === null
          ? stored.content
          : entry.storedBytes < 0
            ? entry.text
            : stored.content + entry.text;
      this.store.messages.set(entry.id, { ...stored, content, heartbeatAt: this.now() });
      written.push(entry.id);
    }
    return written;
  }

  async settleStale(
    leaseMs: number,
    scope?: { ownerId: string; conversationId?: string },
    alive: readonly string[] = [],
  ): Promise<number> {
    let settled = 0;
    for (const m of this.store.messages.values()) {
      if (isTerminalStatus(m.status) || alive.includes(m.id)) continue;
      if (
        scope &&
        (m.ownerId !== scope.ownerId ||
          (scope.conversationId && m.conversationId !== scope.conversationId))
      )
        continue;
      const lastSign = (m.heartbeatAt ?? m.updatedAt).getTime();
      if (lastSign >= this.now().getTime() - leaseMs) continue;
      this.store.messages.set(m.id, {
        ...m,
        status: 'failed',
        error: { code: 'interrupted', message: 'The server stopped', retryable: true },
        heartbeatAt: null,
      });
      settled += 1;
    }
    return settled;
  }

  async findMessage(ownerId: string, conversationId: string, messageId: string) {
    const m = this.store.messages.get(messageId);
    return m && m.ownerId === ownerId && m.conversationId === conversationId
      ? Message.restore(m)
      : null;
  }
}
