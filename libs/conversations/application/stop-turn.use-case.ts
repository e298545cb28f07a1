import { Injectable } from '@nestjs/common';
import { DomainError, Message, messageNotFound } from '../domain';
import { TurnRepository } from './ports/turn.repository';
import { TurnRegistry } from './turn-registry';

/** Stops a streaming answer and returns it as stored (cancelled, with the text produced so far). */
@Injectable()
export class StopTurnUseCase {
  constructor(
    private readonly turns: TurnRepository,
    private readonly registry: TurnRegistry,
  ) {}

  async execute(ownerId: string, conversationId: string, messageId: string): Promise<Message> {
    const message = await this.turns.findMessage(ownerId, conversationId, messageId);
    if (!message || message.role !== 'assistant') throw messageNotFound(messageId);
    if (message.isTerminal) return message;
    const run = this.registry.get(ownerId, messageId);
    if (!run) {
      throw new DomainError(
        'conflict',
        'turn_in_progress',
        `The answer ${messageId} is being produced by another server`,
        { messageId },
      );
    }
    run.abort('stopped');
    return run.done;
  }
}
