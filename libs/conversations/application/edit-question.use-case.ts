import { Injectable } from '@nestjs/common';
import { SendMessageResult, SendMessageUseCase } from './send-message.use-case';

/**
 * Edits an earlier question the way chat apps do: the edited text becomes a sibling of the
 * original (same parent) with its own answer, and that branch becomes active. Nothing is overwritten.
 */
@Injectable()
export class EditQuestionUseCase {
  constructor(private readonly sendMessage: SendMessageUseCase) {}

  execute(command: {
    ownerId: string;
    conversationId: string;
    messageId: string;
    content: string;
    model?: string | null;
  }): Promise<SendMessageResult> {
    return this.sendMessage.execute({
      ownerId: command.ownerId,
      conversationId: command.conversationId,
      createIfMissing: false,
      content: command.content,
      model: command.model,
      editOf: command.messageId,
    });
  }
}
