import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { validateEnvironment } from './config/env.validation';
import { createOpenApiDocument } from './openapi';

/**
 * Prints the app's OpenAPI document (JSON) without serving or touching a database: the app is
 * built in preview mode (modules and routes, no providers run), so `npm run client:generate`
 * needs neither PostgreSQL nor a running server.
 */
async function exportDocument(): Promise<void> {
  const env = validateEnvironment({ ...process.env, LOG_LEVEL: 'silent' });
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ databaseUrl: 'postgres://unused@127.0.0.1:1/unused' }),
    { preview: true, logger: false, abortOnError: false },
  );
  const document = createOpenApiDocument(app, env);
  process.stdout.write(`${JSON.stringify(document)}\n`);
}

exportDocument().catch((error: unknown) => {
  process.stderr.write(`Could not build the OpenAPI document: ${String(error)}\n`);
  process.exit(1);
});
