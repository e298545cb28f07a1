import { Injectable } from '@nestjs/common';
import { invalidInput, messageNotFound } from '../domain';
import { TurnRepository } from './ports/turn.repository';
import { SendMessageResult, SendMessageUseCase } from './send-message.use-case';

/**
 * Edits an earlier question the way chat apps do: the edited text becomes a sibling of the
 * original (same parent) with its own answer, and that branch becomes active. Nothing is overwritten.
 */
@Injectable()
export class EditQuestionUseCase {
  constructor(
    private readonly turns: TurnRepository,
    private readonly sendMessage: SendMessageUseCase,
  ) {}

  async execute(command: {
    ownerId: string;
    conversationId: string;
    messageId: string;
    content: string;
    model?: string | null;
  }): Promise<SendMessageResult> {
    const original = await this.turns.findMessage(
      command.ownerId,
      command.conversationId,
      command.messageId,
    );
    if (!original) throw messageNotFound(command.messageId);
    if (original.role !== 'user') {
      throw invalidInput(
        'not_a_question',
        'Only questions (user messages) can be edited; regenerate an answer instead',
      );
    }
    return this.sendMessage.execute({
      ownerId: command.ownerId,
      conversationId: command.conversationId,
      createIfMissing: false,
      content: command.content,
      model: command.model,
      parentId: original.parentId,
    });
  }
}
