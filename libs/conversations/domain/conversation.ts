import { invalidInput } from './domain-errors';

export const CONVERSATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const MAX_TITLE_LENGTH = 200;
export const AUTO_TITLE_LENGTH = 80;
export const MAX_SYSTEM_PROMPT_LENGTH = 20000;

export interface ConversationProps {
  id: string;
  ownerId: string;
  title: string | null;
  model: string | null;
  systemPrompt: string | null;
  currentLeafId: string | null;
  messageCount: number;
  lastSeq: number;
  version: number;
  metadata: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export interface NewConversation {
  id: string;
  ownerId: string;
  title?: string | null;
  model?: string | null;
  systemPrompt?: string | null;
  metadata?: Record<string, unknown>;
  now: Date;
}

/** The conversation aggregate: who owns it, how it is titled and prompted. */
export class Conversation {
  private constructor(private props: ConversationProps) {}

  static create(input: NewConversation): Conversation {
    assertConversationId(input.id);
    return new Conversation({
      id: input.id,
      ownerId: input.ownerId,
      title: input.title == null ? null : normaliseTitle(input.title),
      model: input.model ?? null,
      systemPrompt: normaliseSystemPrompt(input.systemPrompt),
      currentLeafId: null,
      messageCount: 0,
      lastSeq: 0,
      version: 1,
      metadata: input.metadata ?? {},
      createdAt: input.now,
      updatedAt: input.now,
      deletedAt: null,
    });
  }

  static restore(props: ConversationProps): Conversation {
    return new Conversation({ ...props });
  }

  get id() {
    return this.props.id;
  }
  get ownerId() {
    return this.props.ownerId;
  }
  get title() {
    return this.props.title;
  }
  get isDeleted(): boolean {
    return this.props.deletedAt !== null;
  }

  isOwnedBy(userId: string): boolean {
    return this.props.ownerId === userId;
  }

  toJSON(): ConversationProps {
    return { ...this.props };
  }

  update(
    changes: {
      title?: string | null;
      systemPrompt?: string | null;
      metadata?: Record<string, unknown>;
      model?: string | null;
    },
    now: Date,
  ): void {
    const next = { ...this.props };
    if (changes.title !== undefined)
      next.title = changes.title === null ? null : normaliseTitle(changes.title);
    if (changes.systemPrompt !== undefined)
      next.systemPrompt = normaliseSystemPrompt(changes.systemPrompt);
    if (changes.metadata !== undefined) next.metadata = changes.metadata;
    if (changes.model !== undefined) next.model = changes.model;
    next.updatedAt = now;
    next.version += 1;
    this.props = next;
  }

  softDelete(now: Date): void {
    this.props = { ...this.props, deletedAt: now, updatedAt: now, version: this.props.version + 1 };
  }
}

export function assertConversationId(id: string): void {
  if (!CONVERSATION_ID_PATTERN.test(id)) {
    throw invalidInput(
      'invalid_conversation_id',
      'A conversation id must match ^[A-Za-z0-9._:-]{1,128}$',
      { id },
    );
  }
}

function normaliseTitle(title: string): string {
  const trimmed = title.trim().replace(/\s+/g, ' ');
  if (trimmed.length === 0) throw invalidInput('invalid_title', 'A title cannot be empty');
  if (trimmed.length > MAX_TITLE_LENGTH) {
    throw invalidInput('invalid_title', `A title has at most ${MAX_TITLE_LENGTH} characters`);
  }
  return trimmed;
}

function normaliseSystemPrompt(prompt: string | null | undefined): string | null {
  if (prompt == null) return null;
  if (prompt.length > MAX_SYSTEM_PROMPT_LENGTH) {
    throw invalidInput(
      'invalid_system_prompt',
      `A system prompt has at most ${MAX_SYSTEM_PROMPT_LENGTH} characters`,
    );
  }
  return prompt.trim().length === 0 ? null : prompt;
}

/** A title from the first user message: whitespace folded, at most 80 characters, cut at a word. */
export function titleFromFirstMessage(content: string): string {
  const folded = content.trim().replace(/\s+/g, ' ');
  if (folded.length <= AUTO_TITLE_LENGTH) return folded || 'New conversation';
  const cut = folded.slice(0, AUTO_TITLE_LENGTH + 1);
  const lastSpace = cut.lastIndexOf(' ');
  const title = (
    lastSpace > 20 ? cut.slice(0, lastSpace) : folded.slice(0, AUTO_TITLE_LENGTH)
  ).replace(/[\s,.;:!?-]+$/, '');
  return title;
}
