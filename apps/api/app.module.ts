import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { ConversationsModule } from '@app/conversations';
import { LLM_SETTINGS, LlmModule, LlmSettings } from '@app/llm';
import { OpenAiApiModule, ProxyModule } from '@app/proxy';
import { HEALTH_DETAILS, HealthController, HealthDetails, PlatformModule } from '@app/platform';
import type { Logger } from 'pino';
import { CONFIG_NAMESPACES } from './config/config.namespaces';
import { validateEnvironment } from './config/env.validation';
import { ormConfig } from './database/orm.config';
import { WebAppModule } from './web-app/web-app.module';

export interface AppOptions {
  databaseUrl: string;
  poolMax?: number;
  /** main.ts' root logger (stdout + LOG_DIR files); the platform makes one when absent. */
  logger?: Logger;
}

/** Composition root: wires libraries together; holds no business logic. */
@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          cache: true,
          ignoreEnvFile: true,
          validate: validateEnvironment,
          load: CONFIG_NAMESPACES,
        }),
        MikroOrmModule.forRoot({
          ...ormConfig(options.databaseUrl, options.poolMax),
          registerRequestContext: false,
        }),
        TerminusModule.forRoot({ logger: false }),
        PlatformModule.forRoot({ logger: options.logger }),
        LlmModule,
        ConversationsModule,
        ProxyModule,
        OpenAiApiModule,
        WebAppModule.forRoot(),
      ],
      controllers: [HealthController],
      providers: [{ provide: HEALTH_DETAILS, inject: [LLM_SETTINGS], useFactory: healthDetails }],
    };
  }
}

/** Readiness names the model provider, and says loudly when it is the mock by default. */
function healthDetails(settings: LlmSettings): HealthDetails {
  const warnings = settings.providerExplicit
    ? []
    : ['LLM_PROVIDER is not set: answers come from the offline mock provider'];
  return { provider: settings.provider, warnings };
}
