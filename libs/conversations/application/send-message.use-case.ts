import { Injectable } from '@nestjs/common';
import { assertConversationId, DomainError, invalidInput, titleFromFirstMessage } from '../domain';
import { ChatSettings } from './chat-settings';
import { estimateTokens } from './context-builder';
import { TurnAccounting } from './ports/turn-accounting';
import { Clock } from './ports/clock';
import { IdGenerator } from './ports/id-generator';
import { ModelPolicy } from './ports/model-policy';
import { StartedTurn, TurnRepository } from './ports/turn.repository';
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
  parentId?: string | null;
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
    private readonly turns: TurnRepository,
    private readonly launcher: TurnLauncher,
    private readonly registry: TurnRegistry,
    private readonly models: ModelPolicy,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly settings: ChatSettings,
    private readonly accounting: TurnAccounting,
  ) {}

  async execute(command: SendMessageCommand): Promise<SendMessageResult> {
    const content = this.validateContent(command.content);
    const conversationId = command.conversationId ?? this.ids.next();
    assertConversationId(conversationId);
    // Fail fast on a model nobody may use; the conversation's own default is applied under its row lock.
    if (command.model) this.models.assertAllowed(command.model);
    await this.accounting.assertCanStart(command.ownerId, estimateTokens(content));
    const turn = await this.turns.startTurn({
      ownerId: command.ownerId,
      conversationId,
      createIfMissing: command.createIfMissing || !command.conversationId,
      content,
      clientMessageId: command.clientMessageId ?? null,
      parentId: command.parentId,
      model: this.models.choice(command.model),
      autoTitle: titleFromFirstMessage(content),
      ids: {
        userMessageId: this.ids.next(),
        assistantMessageId: this.ids.next(),
        turnId: this.ids.next(),
      },
      now: this.clock.now(),
    });
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
