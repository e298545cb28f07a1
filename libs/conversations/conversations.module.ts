import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ConversationQueries } from './application/conversation-queries';
import { CreateConversationUseCase } from './application/create-conversation.use-case';
import { DeleteConversationUseCase } from './application/delete-conversation.use-case';
import { Clock, SystemClock } from './application/ports/clock';
import { ConversationRepository } from './application/ports/conversation.repository';
import { IdGenerator, UuidV7Generator } from './application/ports/id-generator';
import { ModelPolicy, StaticModelPolicy } from './application/ports/model-policy';
import { UpdateConversationUseCase } from './application/update-conversation.use-case';
import { MikroOrmConversationRepository } from './infrastructure/mikro-orm/mikro-orm.conversation.repository';
import { ConversationsController } from './interface/http/conversations.controller';

/** Wires the conversation core; no logic lives here. */
@Module({
  controllers: [ConversationsController],
  providers: [
    CreateConversationUseCase,
    UpdateConversationUseCase,
    DeleteConversationUseCase,
    ConversationQueries,
    { provide: ConversationRepository, useClass: MikroOrmConversationRepository },
    { provide: Clock, useClass: SystemClock },
    { provide: IdGenerator, useClass: UuidV7Generator },
    {
      provide: ModelPolicy,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const defaultModel = config.getOrThrow<string>('BEDROCK_MODEL_ID');
        const listed = (config.get<string>('LLM_MODELS') ?? '')
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean);
        return new StaticModelPolicy(
          defaultModel,
          listed.length ? [...new Set([defaultModel, ...listed])] : [defaultModel],
        );
      },
    },
  ],
  exports: [ConversationRepository, ModelPolicy, Clock, IdGenerator],
})
export class ConversationsModule {}
