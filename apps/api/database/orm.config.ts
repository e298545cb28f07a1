import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, Options } from '@mikro-orm/postgresql';
import {
  ConversationSchema,
  conversationMigrations,
  ConversationSummarySchema,
  MessageSchema,
} from '@app/conversations';
import { ApiKeySchema } from '@app/platform';
import { platformMigrations } from '@app/platform/database/migrations';

/** MikroORM options for the app, the migration runner and the CLI script alike. */
export function ormConfig(clientUrl: string, poolMax = 20): Options {
  return defineConfig({
    clientUrl,
    entities: [ConversationSchema, MessageSchema, ConversationSummarySchema, ApiKeySchema],
    discovery: { disableDynamicFileAccess: true, warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      migrationsList: [...conversationMigrations, ...platformMigrations],
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      path: 'libs/conversations/infrastructure/mikro-orm/migrations',
      pathTs: 'libs/conversations/infrastructure/mikro-orm/migrations',
      emit: 'ts',
      snapshot: false,
      silent: true,
    },
    pool: { min: 0, max: poolMax, idleTimeoutMillis: 30000 },
    debug: false,
    allowGlobalContext: false,
    ensureDatabase: false,
    forceUtcTimezone: true,
  });
}
