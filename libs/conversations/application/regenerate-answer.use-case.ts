import { Injectable } from '@nestjs/common';
import { Clock } from './ports/clock';
import { TurnAccounting } from './ports/turn-accounting';
import { ConversationRepository } from './ports/conversation.repository';
import { IdGenerator } from './ports/id-generator';
import { ModelPolicy } from './ports/model-policy';
import { TurnRepository } from './ports/turn.repository';
import { SendMessageResult } from './send-message.use-case';
import { TurnLauncher } from './turn-launcher';
import { conversationNotFound } from '../domain';

/** Asks the model again for an earlier question; the old answer stays as a sibling branch. */
@Injectable()
export class RegenerateAnswerUseCase {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly turns: TurnRepository,
    private readonly launcher: TurnLauncher,
    private readonly models: ModelPolicy,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly accounting: TurnAccounting,
  ) {}

  async execute(command: {
    ownerId: string;
    conversationId: string;
    messageId: string;
    model?: string | null;
  }): Promise<SendMessageResult> {
    const conversation = await this.conversations.findOwned(
      command.ownerId,
      command.conversationId,
    );
    if (!conversation) throw conversationNotFound(command.conversationId);
    const model = this.models.resolve(command.model, conversation.toJSON().model);
    await this.accounting.assertCanStart(command.ownerId, 1);
    const turn = await this.turns.startRegeneration({
      ownerId: command.ownerId,
      conversationId: command.conversationId,
      assistantMessageId: command.messageId,
      newMessageId: this.ids.next(),
      model,
      now: this.clock.now(),
    });
    return { kind: 'started', turn, run: await this.launcher.launch(command.ownerId, turn, model) };
  }
}
