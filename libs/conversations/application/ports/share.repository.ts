import { Share } from '../../domain';

/** Stored share snapshots. Owner-scoped except the public read by token. */
export abstract class ShareRepository {
  abstract save(share: Share): Promise<void>;
  /** The share, unless its conversation has been deleted since. */
  abstract findByToken(token: string): Promise<Share | null>;
  /** The conversation's shares, newest first. */
  abstract listForConversation(ownerId: string, conversationId: string): Promise<Share[]>;
  /** Deletes the share; false when it is not this owner's share of this conversation. */
  abstract delete(ownerId: string, conversationId: string, token: string): Promise<boolean>;
}
