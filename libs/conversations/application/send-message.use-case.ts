import { Injectable } from '@nestjs/common';
import {
  assertConversationId,
  Conversation,
  conversationNotFound,
  DomainError,
  invalidInput,
  invalidParent,
  messageNotFound,
  StartedTurnMessages,
} from '../domain';
import { ChatSettings } from './chat-settings';
import { estimateTokens } from './context-builder';
import { TurnAccounting } from './ports/turn-accounting';
import { Clock } from './ports/clock';
import { ConversationRepository, ConversationUnitOfWork } from './ports/conversation.repository';
import { IdGenerator } from './ports/id-generator';
import { ModelPolicy } from './ports/model-policy';
import { StartedTurn } from './ports/turn.repository';
import { TurnRegistry } from './turn-registry';
import { TurnRun } from './turn-run';
import { TurnLauncher } from './turn-launcher';

export interface SendMessageCommand {
  ownerId: string;
  /** Omitted: a new conversation is made. */
  conversationId?: string;
  /** Create the conversation when conversationId does not exist yet (seed behaviour). */
  createIfMissing: boolean;
  content: string;
  clientMessageId?: string | null;
  model?: string | null;
  /** Undefined: after the current leaf; null: a new root; an id: after that message. */
  parentId?: string | null;
  /** A question this one edits: it becomes its sibling (parentId is then ignored). */
  editOf?: string;
}

export type SendMessageResult =
  /** A new turn, running in this process. */
  | { kind: 'started'; turn: StartedTurn; run: TurnRun }
  /** The clientMessageId was seen before: the stored turn, and its run if it is still going here. */
  | { kind: 'replayed'; turn: StartedTurn; run?: TurnRun };

/**
 * Sends a user message: stores it before the model is called, then runs the turn. Independent of
 * HTTP: the caller decides whether to wait for the answer or stream its events.
 */
@Injectable()
export class SendMessageUseCase {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly launcher: TurnLauncher,
    private readonly registry: TurnRegistry,
    private readonly models: ModelPolicy,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly settings: ChatSettings,
    private readonly accounting: TurnAccounting,
  ) {}

  async execute(command: SendMessageCommand): Promise<SendMessageResult> {
    const turn = await this.store(command);
    if (turn.replayed) {
      return {
        kind: 'replayed',
        turn,
        run: this.registry.get(command.ownerId, turn.assistantMessage.id),
      };
    }
    const run = await this.launcher.launch(
      command.ownerId,
      turn,
      turn.assistantMessage.toJSON().model ?? this.models.defaultModel,
    );
    return { kind: 'started', turn, run };
  }

  /** Stores the question and its answer to be produced (or finds the turn sent before). */
  async store(command: SendMessageCommand): Promise<StartedTurn> {
    const content = this.validateContent(command.content);
    const conversationId = command.conversationId ?? this.ids.next();
    assertConversationId(conversationId);
    // Fail fast on a model nobody may use; the conversation's own default is applied under its row lock.
    if (command.model) this.models.assertAllowed(command.model);
    await this.accounting.assertCanStart(command.ownerId, estimateTokens(content));
    return this.conversations.transaction((unit) =>
      this.startTurn(unit, { ...command, content, conversationId }),
    );
  }

  private async startTurn(
    unit: ConversationUnitOfWork,
    command: SendMessageCommand & { conversationId: string },
  ): Promise<StartedTurn> {
    const { ownerId, conversationId } = command;
    const now = this.clock.now();
    if (command.createIfMissing || !command.conversationId) {
      await unit.addConversationIfMissing(
        Conversation.create({ id: conversationId, ownerId, now }),
      );
    }
    const conversation = await unit.lockConversation(ownerId, conversationId);
    if (!conversation) throw conversationNotFound(conversationId);
    if (command.clientMessageId) {
      // Under the lock a concurrent duplicate has committed its turn, or has not started it.
      const stored = await unit.findTurnByClientMessageId(
        ownerId,
        conversationId,
        command.clientMessageId,
      );
      if (stored) return { conversation, ...stored, replayed: true };
    }
    const turn = {
      content: command.content,
      clientMessageId: command.clientMessageId ?? null,
      model: this.models.choice(command.model),
      ids: {
        userMessageId: this.ids.next(),
        assistantMessageId: this.ids.next(),
        turnId: this.ids.next(),
      },
      now,
    };
    let started: StartedTurnMessages;
    if (command.editOf !== undefined) {
      const original = await unit.findMessage(ownerId, conversationId, command.editOf);
      if (!original) throw messageNotFound(command.editOf);
      started = conversation.editQuestion(original, turn);
    } else if (command.parentId) {
      const parent = await unit.findMessage(ownerId, conversationId, command.parentId);
      if (!parent) throw invalidParent(command.parentId);
      started = conversation.startTurn({ ...turn, parent });
    } else {
      started = conversation.startTurn({
        ...turn,
        parent: command.parentId === null ? null : undefined,
      });
    }
    unit.addMessage(started.userMessage);
    unit.addMessage(started.assistantMessage);
    unit.saveConversation(conversation);
    return { conversation, ...started, replayed: false };
  }

  private validateContent(content: string): string {
    if (typeof content !== 'string' || content.trim().length === 0) {
      throw invalidInput('empty_message', 'The message content must not be empty');
    }
    if (content.length > this.settings.maxMessageChars) {
      throw new DomainError(
        'too_large',
        'message_too_long',
        `A message has at most ${this.settings.maxMessageChars} characters`,
        {
          limit: this.settings.maxMessageChars,
          length: content.length,
        },
      );
    }
    return content;
  }
}
