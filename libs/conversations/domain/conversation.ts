import {
  assertConversationId,
  normaliseSystemPrompt,
  normaliseTitle,
  titleFromFirstMessage,
} from './conversation-text';
import { descendantsOf, newestLeafUnder } from './branch';
import { invalidInput, invalidParent, messageNotFound, turnInProgress } from './domain-errors';
import { Message } from './message';
import { chooseModel, ModelChoice } from './model-choice';
import { newAnswer, newQuestion, TurnIds } from './turn-messages';

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

export interface NewTurn {
  content: string;
  clientMessageId: string | null;
  /** Undefined: after the current leaf; null: a new root; a message: after it. */
  parent?: Message | null;
  model: ModelChoice;
  ids: TurnIds;
  now: Date;
}

export interface StartedTurnMessages {
  userMessage: Message;
  assistantMessage: Message;
}

/**
 * The conversation aggregate: who owns it, how it is titled and prompted, and the rules of its
 * turns. It holds the counters and the current leaf; the messages a rule needs are handed in.
 */
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
  get version() {
    return this.props.version;
  }
  get currentLeafId() {
    return this.props.currentLeafId;
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

  /**
   * A question and its answer to be produced, on the next two seq numbers. The question hangs
   * after the current leaf unless a parent is given, and the answer becomes the leaf. An
   * untitled conversation takes its title from the question.
   */
  startTurn(turn: NewTurn): StartedTurnMessages {
    let parentId = this.props.currentLeafId;
    if (turn.parent !== undefined) {
      if (turn.parent !== null) this.assertOwnMessage(turn.parent, invalidParent(turn.parent.id));
      parentId = turn.parent?.id ?? null;
    }
    return this.placeTurn(turn, parentId);
  }

  /** An edited question becomes a sibling of the original (same parent) with its own answer. */
  editQuestion(original: Message, turn: Omit<NewTurn, 'parent'>): StartedTurnMessages {
    this.assertOwnMessage(original, messageNotFound(original.id));
    if (original.role !== 'user') {
      throw invalidInput(
        'not_a_question',
        'Only questions (user messages) can be edited; regenerate an answer instead',
      );
    }
    return this.placeTurn(turn, original.parentId);
  }

  /**
   * A new answer to the question of `original`, as its sibling (same parent, same turn); it
   * becomes the leaf. Refused while the original is still being produced.
   */
  regenerateAnswer(
    original: Message,
    question: Message,
    input: { answerId: string; model: ModelChoice; now: Date },
  ): Message {
    this.assertOwnMessage(original, messageNotFound(original.id));
    if (original.role !== 'assistant') throw messageNotFound(original.id);
    if (!original.isTerminal) {
      throw turnInProgress('This answer is still being produced; stop it first');
    }
    if (question.id !== original.parentId) throw messageNotFound(original.id);
    const model = chooseModel(input.model, this.props.model);
    const answer = newAnswer(
      this.nextPlace(original.parentId, original.turnId, input.now),
      input.answerId,
      model,
      {
        regenerationOf: original.id,
      },
    );
    this.advance(answer.id);
    this.changed(input.now);
    return answer;
  }

  /**
   * Makes the branch through `messageId` the active one, given all of the conversation's
   * messages: it ends at the newest message under it (the newest child at each step), so picking
   * an older answer brings back the turns that followed it. Refused while an answer streams: the
   * streaming turn's branch would stop being the one its answer continues.
   */
  switchBranch(messageId: string, messages: readonly Message[], now: Date): Message {
    const target = messages.find((m) => m.id === messageId);
    if (!target) throw messageNotFound(messageId);
    this.assertOwnMessage(target, messageNotFound(messageId));
    if (messages.some((m) => !m.isTerminal)) {
      throw turnInProgress('An answer is still being produced; stop it first');
    }
    const leaf = newestLeafUnder(target, messages);
    this.props = { ...this.props, currentLeafId: leaf.id };
    this.changed(now);
    return leaf;
  }

  /**
   * Removes a message and every message after it in its branches, given all of the
   * conversation's messages; returns the ids to delete. Refused while an answer in it streams.
   * When the leaf goes, the newest remaining message becomes the leaf.
   */
  deleteBranch(messageId: string, messages: readonly Message[], now: Date): string[] {
    const removed = descendantsOf(messageId, messages);
    if (removed.size === 0) throw messageNotFound(messageId);
    if (messages.some((m) => removed.has(m.id) && !m.isTerminal)) {
      throw turnInProgress('An answer in this branch is still being produced; stop it first');
    }
    const remaining = messages.filter((m) => !removed.has(m.id));
    let leaf = this.props.currentLeafId;
    if (leaf !== null && removed.has(leaf)) {
      const newest = remaining.reduce<Message | null>(
        (best, m) => (best === null || m.seq > best.seq ? m : best),
        null,
      );
      leaf = newest?.id ?? null;
    }
    this.props = { ...this.props, currentLeafId: leaf, messageCount: remaining.length };
    this.changed(now);
    return [...removed];
  }

  private placeTurn(turn: Omit<NewTurn, 'parent'>, parentId: string | null): StartedTurnMessages {
    const model = chooseModel(turn.model, this.props.model);
    const { ids, now } = turn;
    const userMessage = newQuestion(
      this.nextPlace(parentId, ids.turnId, now),
      ids.userMessageId,
      turn.content,
      turn.clientMessageId,
    );
    this.advance(userMessage.id);
    const assistantMessage = newAnswer(
      this.nextPlace(userMessage.id, ids.turnId, now),
      ids.assistantMessageId,
      model,
    );
    this.advance(assistantMessage.id);
    if (this.props.title === null) this.props.title = titleFromFirstMessage(turn.content);
    this.changed(now);
    return { userMessage, assistantMessage };
  }

  private nextPlace(parentId: string | null, turnId: string, now: Date) {
    const { id: conversationId, ownerId, lastSeq } = this.props;
    return { conversationId, ownerId, seq: lastSeq + 1, parentId, turnId, now };
  }

  /** A message was added on the next seq and became the leaf. */
  private advance(leafId: string): void {
    this.props = {
      ...this.props,
      lastSeq: this.props.lastSeq + 1,
      messageCount: this.props.messageCount + 1,
      currentLeafId: leafId,
    };
  }

  /** Every change moves the version on: readers and writers see that something changed. */
  private changed(now: Date): void {
    this.props.updatedAt = now;
    this.props.version += 1;
  }

  private assertOwnMessage(message: Message, otherwise: Error): void {
    if (message.conversationId !== this.props.id || message.ownerId !== this.props.ownerId) {
      throw otherwise;
    }
  }
}
