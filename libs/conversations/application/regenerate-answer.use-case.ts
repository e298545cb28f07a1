import { Injectable } from '@nestjs/common';
import { conversationNotFound, messageNotFound } from '../domain';
import { Clock } from './ports/clock';
import { TurnAccounting } from './ports/turn-accounting';
import { ConversationRepository } from './ports/conversation.repository';
import { IdGenerator } from './ports/id-generator';
import { ModelPolicy } from './ports/model-policy';
import { StartedTurn } from './ports/turn.repository';
import { SendMessageResult } from './send-message.use-case';
import { TurnLauncher } from './turn-launcher';

/** Asks the model again for an earlier question; the old answer stays as a sibling branch. */
@Injectable()
export class RegenerateAnswerUseCase {
  constructor(
    private readonly conversations: ConversationRepository,
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
    const { ownerId, conversationId, messageId } = command;
    if (command.model) this.models.assertAllowed(command.model);
    await this.accounting.assertCanStart(ownerId, 1);
    const turn = await this.conversations.transaction(async (unit): Promise<StartedTurn> => {
      const conversation = await unit.lockConversation(ownerId, conversationId);
      if (!conversation) throw conversationNotFound(conversationId);
      const original = await unit.findMessage(ownerId, conversationId, messageId);
      if (!original) throw messageNotFound(messageId);
      const question = original.parentId
        ? await unit.findMessage(ownerId, conversationId, original.parentId)
        : null;
      if (!question) throw messageNotFound(messageId);
      const assistantMessage = conversation.regenerateAnswer(original, question, {
        answerId: this.ids.next(),
        model: this.models.choice(command.model),
        now: this.clock.now(),
      });
      unit.addMessage(assistantMessage);
      unit.saveConversation(conversation);
      return { conversation, userMessage: question, assistantMessage, replayed: false };
    });
    const model = turn.assistantMessage.toJSON().model ?? this.models.defaultModel;
    return { kind: 'started', turn, run: await this.launcher.launch(ownerId, turn, model) };
  }
}
