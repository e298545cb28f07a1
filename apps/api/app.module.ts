import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { ConversationsModule } from '@app/conversations';
import { LlmModule } from '@app/llm';
import { HEALTH_DETAILS, HealthController, headerUserMiddleware } from '@app/platform';
import { validateEnvironment } from './config/env.validation';
import { ormConfig } from './database/orm.config';

export interface AppOptions {
  databaseUrl: string;
  poolMax?: number;
}

/** Composition root: wires libraries together; holds no business logic. */
@Module({})
export class AppModule implements NestModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          cache: true,
          ignoreEnvFile: true,
          validate: validateEnvironment,
        }),
        MikroOrmModule.forRoot({
          ...ormConfig(options.databaseUrl, options.poolMax),
          registerRequestContext: false,
        }),
        TerminusModule.forRoot({ logger: false }),
        LlmModule,
        ConversationsModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: HEALTH_DETAILS, useValue: { provider: 'none', warnings: [] } }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(headerUserMiddleware).forRoutes('*path');
  }
}
