import { Injectable } from '@nestjs/common';
import { conversationNotFound } from '../domain';
import { Clock } from './ports/clock';
import { ConversationRepository } from './ports/conversation.repository';

@Injectable()
export class DeleteConversationUseCase {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(ownerId: string, id: string): Promise<void> {
    const conversation = await this.conversations.findOwned(ownerId, id);
    if (!conversation) throw conversationNotFound(id);
    const expectedVersion = conversation.toJSON().version;
    conversation.softDelete(this.clock.now());
    await this.conversations.save(conversation, expectedVersion);
  }
}
