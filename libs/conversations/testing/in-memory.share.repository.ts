import { ShareRepository } from '../application/ports/share.repository';
import { Share } from '../domain';
import { InMemoryStore } from './in-memory.store';

export class InMemoryShareRepository extends ShareRepository {
  private readonly shares = new Map<string, Share>();

  constructor(private readonly store: InMemoryStore) {
    super();
  }

  async save(share: Share): Promise<void> {
    this.shares.set(share.token, Share.restore(share.toJSON()));
  }

  async findByToken(token: string): Promise<Share | null> {
    const share = this.shares.get(token);
    if (!share) return null;
    const conversation = this.store.conversations.get(
      InMemoryStore.key(share.ownerId, share.conversationId),
    );
    return conversation && conversation.deletedAt === null ? share : null;
  }

  async listForConversation(ownerId: string, conversationId: string): Promise<Share[]> {
    return [...this.shares.values()]
      .filter((s) => s.ownerId === ownerId && s.conversationId === conversationId)
      .reverse();
  }

  async delete(ownerId: string, conversationId: string, token: string): Promise<boolean> {
    const share = this.shares.get(token);
    if (!share || share.ownerId !== ownerId || share.conversationId !== conversationId)
      return false;
    return this.shares.delete(token);
  }
}
