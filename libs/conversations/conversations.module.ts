import { Module, OnModuleInit } from '@nestjs/common';
import { ErrorMappers, ShutdownCoordinator } from '@app/platform';
import type Redis from 'ioredis';
import { PLATFORM_REDIS } from '@app/platform';
import { CHAT_CONFIG } from './conversations.config';
import { ConversationQueries } from './application/conversation-queries';
import { CreateConversationUseCase } from './application/create-conversation.use-case';
import { DeleteConversationUseCase } from './application/delete-conversation.use-case';
import { Clock, SystemClock } from './application/ports/clock';
import { ConversationRepository } from './application/ports/conversation.repository';
import { ConversationReads } from './application/ports/conversation.reads';
import { MikroOrmConversationReads } from './infrastructure/mikro-orm/mikro-orm.conversation.reads';
import { IdGenerator, UuidV7Generator } from './application/ports/id-generator';
import { ModelPolicy, StaticModelPolicy } from './application/ports/model-policy';
import { UpdateConversationUseCase } from './application/update-conversation.use-case';
import { MikroOrmConversationRepository } from './infrastructure/mikro-orm/mikro-orm.conversation.repository';
import { ConversationsController } from './interface/http/conversations.controller';
import { ChatHistoryQueries } from './application/chat-history.queries';
import { ChatSettings } from './application/chat-settings';
import { TurnRepository } from './application/ports/turn.repository';
import { SendMessageUseCase } from './application/send-message.use-case';
import { StopTurnUseCase } from './application/stop-turn.use-case';
import { TurnRegistry } from './application/turn-registry';
import { TurnRunner } from './application/turn-runner';
import { SwitchBranchUseCase } from './application/switch-branch.use-case';
import { StaleTurns } from './application/stale-turns';
import { TurnLeaseKeeper } from './application/turn-lease-keeper';
import { TurnAccounting } from './application/ports/turn-accounting';
import { PlatformTurnAccounting } from './infrastructure/platform/platform.turn-accounting';
import { LocalTurnCoordination, TurnCoordination } from './application/ports/turn-coordination';
import { RedisTurnCoordination } from './infrastructure/redis/redis.turn-coordination';
import { MikroOrmTurnRepository } from './infrastructure/mikro-orm/mikro-orm.turn.repository';
import { ChatsController } from './interface/http/chats.controller';
import { MessagesController } from './interface/http/messages.controller';
import { ModelsController } from './interface/http/models.controller';
import { UsageController } from './interface/http/usage.controller';
import { RegenerateAnswerUseCase } from './application/regenerate-answer.use-case';
import { EditQuestionUseCase } from './application/edit-question.use-case';
import { DeleteBranchUseCase } from './application/delete-branch.use-case';
import { TurnLauncher } from './application/turn-launcher';
import { UsageQueries } from './application/usage.queries';
import { ConversationReader } from './interface/http/conversation-reader';
import { TurnResponder } from './interface/http/turn-responder';
import { mapDomainError } from './interface/http/domain-error.mapper';
import { mapLlmError } from './interface/http/llm-error.mapper';
import { mapUnavailableError } from './interface/http/unavailable-error.mapper';
import { ConversationSummaries } from './application/conversation-summaries';
import { ConversationSummaryRepository } from './application/ports/conversation-summary.repository';
import { MikroOrmConversationSummaryRepository } from './infrastructure/mikro-orm/mikro-orm.conversation-summary.repository';
import { SummariesController } from './interface/http/summaries.controller';
import { ChatGateway } from './interface/ws/chat.gateway';
import { SocketErrorFilter } from './interface/ws/socket-error.filter';
import { SocketTurnStream } from './interface/ws/socket-turn-stream';

/** Wires the conversation core; no logic lives here. */
@Module({
  controllers: [
    ConversationsController,
    MessagesController,
    ChatsController,
    ModelsController,
    UsageController,
    SummariesController,
  ],
  providers: [
    SendMessageUseCase,
    RegenerateAnswerUseCase,
    EditQuestionUseCase,
    DeleteBranchUseCase,
    SwitchBranchUseCase,
    TurnLauncher,
    UsageQueries,
    StopTurnUseCase,
    ChatHistoryQueries,
    TurnRunner,
    TurnRegistry,
    TurnResponder,
    ConversationReader,
    ConversationSummaries,
    { provide: ConversationSummaryRepository, useClass: MikroOrmConversationSummaryRepository },
    ChatGateway,
    SocketErrorFilter,
    SocketTurnStream,
    { provide: TurnRepository, useClass: MikroOrmTurnRepository },
    TurnLeaseKeeper,
    StaleTurns,
    { provide: TurnAccounting, useClass: PlatformTurnAccounting },
    {
      provide: TurnCoordination,
      inject: [ChatSettings, { token: PLATFORM_REDIS, optional: true }],
      useFactory: (settings: ChatSettings, redis?: Redis) =>
        redis
          ? new RedisTurnCoordination(
              redis,
              settings.logTtlSeconds,
              Math.ceil(settings.turnDeadlineMs / 1000),
            )
          : new LocalTurnCoordination(),
    },
    { provide: ChatSettings, useExisting: CHAT_CONFIG },
    CreateConversationUseCase,
    UpdateConversationUseCase,
    DeleteConversationUseCase,
    ConversationQueries,
    { provide: ConversationRepository, useClass: MikroOrmConversationRepository },
    { provide: ConversationReads, useClass: MikroOrmConversationReads },
    { provide: Clock, useClass: SystemClock },
    { provide: IdGenerator, useClass: UuidV7Generator },
    {
      provide: ModelPolicy,
      inject: [ChatSettings],
      useFactory: (settings: ChatSettings) =>
        new StaticModelPolicy(settings.defaultModel, settings.allowedModels),
    },
  ],
  exports: [ConversationRepository, ModelPolicy, Clock, IdGenerator, TurnRegistry],
})
export class ConversationsModule implements OnModuleInit {
  constructor(
    private readonly shutdown: ShutdownCoordinator,
    private readonly registry: TurnRegistry,
    private readonly errorMappers: ErrorMappers,
  ) {}

  /** On SIGTERM, running answers get the grace period to finish, then are stored cancelled. */
  onModuleInit(): void {
    this.shutdown.onDrain((graceMs) => this.registry.drain(graceMs));
    this.errorMappers.register(mapDomainError, mapLlmError, mapUnavailableError);
  }
}
