import { DomainError, invalidInput } from './domain-errors';
import type { MessageRole, MessageStatus } from './message';

/** What a share shows of one message: nothing that leads back to the owner or other data. */
export interface SharedMessage {
  role: MessageRole;
  content: string;
  createdAt: Date;
}

export interface ShareProps {
  token: string;
  ownerId: string;
  conversationId: string;
  title: string | null;
  messages: SharedMessage[];
  createdAt: Date;
  expiresAt: Date | null;
}

/** The messages of an active branch a snapshot may show. */
export interface SnapshotSource {
  role: MessageRole;
  status: MessageStatus;
  content: string;
  createdAt: Date;
}

export const MIN_SHARE_DAYS = 1;
export const MAX_SHARE_DAYS = 365;
const DAY_MS = 86_400_000;

export const shareNotFound = () =>
  new DomainError('not_found', 'share_not_found', 'This share does not exist or has expired');

/**
 * A read-only snapshot of a conversation's active branch, readable by anyone holding its token
 * until it expires or its owner revokes it. Later turns never change it.
 */
export class Share {
  private constructor(private readonly props: ShareProps) {}

  static restore(props: ShareProps): Share {
    return new Share({ ...props, messages: props.messages.map((m) => ({ ...m })) });
  }

  /** Questions and finished answers only: unfinished or failed answers are not part of it. */
  static snapshot(input: {
    token: string;
    ownerId: string;
    conversationId: string;
    title: string | null;
    branch: SnapshotSource[];
    now: Date;
    expiresInDays?: number | null;
  }): Share {
    const days = input.expiresInDays ?? null;
    if (
      days !== null &&
      !(Number.isInteger(days) && days >= MIN_SHARE_DAYS && days <= MAX_SHARE_DAYS)
    )
      throw invalidInput(
        'invalid_expiry',
        `expiresInDays must be a whole number from ${MIN_SHARE_DAYS} to ${MAX_SHARE_DAYS}`,
      );
    const messages = input.branch
      .filter((m) => m.role === 'user' || m.status === 'complete')
      .map((m) => ({ role: m.role, content: m.content, createdAt: new Date(m.createdAt) }));
    return new Share({
      token: input.token,
      ownerId: input.ownerId,
      conversationId: input.conversationId,
      title: input.title,
      messages,
      createdAt: input.now,
      expiresAt: days === null ? null : new Date(input.now.getTime() + days * DAY_MS),
    });
  }

  get token(): string {
    return this.props.token;
  }
  get ownerId(): string {
    return this.props.ownerId;
  }
  get conversationId(): string {
    return this.props.conversationId;
  }

  isReadableAt(now: Date): boolean {
    return this.props.expiresAt === null || now < this.props.expiresAt;
  }

  toJSON(): ShareProps {
    return { ...this.props, messages: this.props.messages.map((m) => ({ ...m })) };
  }
}
