import { existsSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import {
  createAppLogger,
  gracefulShutdown,
  PinoNestLogger,
  prepareDatabase,
  runMigrations,
} from '@app/platform';
import { AppModule } from './app.module';
import { configureApp, httpAdapterFor } from './configure-app';
import { startupFailureMessage, validateEnvironment } from './config/env.validation';
import { ormConfig } from './database/orm.config';

async function bootstrap(): Promise<void> {
  const startedAt = Date.now();
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = validateEnvironment(process.env);
  const logger = await createAppLogger({
    level: env.LOG_LEVEL,
    content: env.LOG_CONTENT,
    sync: env.LOG_SYNC,
    dir: env.LOG_DIR,
    retentionDays: env.LOG_RETENTION_DAYS,
  });
  const database = await prepareDatabase(env, (message) => logger.info(message));
  let closing = false;
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ databaseUrl: database.url, poolMax: env.DATABASE_POOL_MAX, logger }),
    httpAdapterFor(env),
    {
      logger: new PinoNestLogger(logger),
      bodyParser: false,
    },
  );
  try {
    if (env.MIGRATE_ON_START) {
      const applied = await runMigrations(ormConfig(database.url));
      if (applied.length) logger.info({ applied }, 'migrations applied');
    }
    configureApp(app, env);
    await app.listen(env.PORT, env.HOST);
  } catch (error) {
    await app.close().catch(() => undefined);
    await database.embedded?.stop();
    throw error;
  }
  logger.info(
    {
      port: env.PORT,
      host: env.HOST,
      database: database.description,
      startupMs: Date.now() - startedAt,
    },
    `listening on http://${env.HOST}:${env.PORT} (docs at /docs)`,
  );

  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal, graceMs: env.SHUTDOWN_GRACE_MS }, 'shutting down');
    // Stop accepting, let streams finish up to the grace (drain hooks), then close the pool.
    await gracefulShutdown(app, env.SHUTDOWN_GRACE_MS);
    await database.embedded?.stop();
    logger.flush?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${startupFailureMessage(error)}\n`);
  process.exit(1);
});
