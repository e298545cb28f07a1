import { Injectable } from '@nestjs/common';
import { Conversation } from '../domain';
import { Clock } from './ports/clock';
import { ConversationRepository } from './ports/conversation.repository';
import { IdGenerator } from './ports/id-generator';
import { ModelPolicy } from './ports/model-policy';

export interface CreateConversationCommand {
  ownerId: string;
  id?: string;
  title?: string | null;
  systemPrompt?: string | null;
  model?: string | null;
  metadata?: Record<string, unknown>;
}

@Injectable()
export class CreateConversationUseCase {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly models: ModelPolicy,
  ) {}

  async execute(command: CreateConversationCommand): Promise<Conversation> {
    if (command.model) this.models.assertAllowed(command.model);
    const conversation = Conversation.create({
      id: command.id ?? this.ids.next(),
      ownerId: command.ownerId,
      title: command.title,
      systemPrompt: command.systemPrompt,
      model: command.model,
      metadata: command.metadata,
      now: this.clock.now(),
    });
    await this.conversations.insert(conversation);
    return conversation;
  }
}
