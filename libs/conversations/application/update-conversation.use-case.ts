import { Injectable } from '@nestjs/common';
import { Conversation, conversationNotFound } from '../domain';
import { Clock } from './ports/clock';
import { ConversationRepository } from './ports/conversation.repository';
import { ModelPolicy } from './ports/model-policy';

export interface UpdateConversationCommand {
  ownerId: string;
  id: string;
  title?: string | null;
  systemPrompt?: string | null;
  model?: string | null;
  metadata?: Record<string, unknown>;
}

@Injectable()
export class UpdateConversationUseCase {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly clock: Clock,
    private readonly models: ModelPolicy,
  ) {}

  async execute({ ownerId, id, ...changes }: UpdateConversationCommand): Promise<Conversation> {
    const conversation = await this.conversations.findOwned(ownerId, id);
    if (!conversation) throw conversationNotFound(id);
    if (changes.model) this.models.assertAllowed(changes.model);
    const expectedVersion = conversation.toJSON().version;
    conversation.update(changes, this.clock.now());
    await this.conversations.save(conversation, expectedVersion);
    return conversation;
  }
}
