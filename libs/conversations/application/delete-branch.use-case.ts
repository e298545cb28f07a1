import { Injectable } from '@nestjs/common';
import { TurnRepository } from './ports/turn.repository';

/** Deletes a message and what follows it in its branches (e.g. a bad question and its answers). */
@Injectable()
export class DeleteBranchUseCase {
  constructor(private readonly turns: TurnRepository) {}

  execute(ownerId: string, conversationId: string, messageId: string): Promise<number> {
    return this.turns.deleteBranch(ownerId, conversationId, messageId);
  }
}
