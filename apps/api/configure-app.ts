import { INestApplication, ValidationPipe } from '@nestjs/common';
import type { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { parseClientFrame } from '@app/conversations';
import { applyHttpDefaults, BoundedWsAdapter, createHttpAdapter } from '@app/platform';
import { EnvironmentSchema } from './config/env.schema';
import { createOpenApiDocument } from './openapi';

/** The HTTP server main.ts and the e2e tests both run (trusted proxy). */
export function httpAdapterFor(env: EnvironmentSchema): ExpressAdapter {
  return createHttpAdapter({ trustProxy: env.TRUST_PROXY });
}

/** Everything main.ts and the e2e tests both need on the app, in one place. */
export function configureApp(
  app: NestExpressApplication,
  env: EnvironmentSchema,
): INestApplication {
  applyHttpDefaults(app, env.BODY_LIMIT);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
    }),
  );
  // WebSockets (/api/v1/ws) on the same HTTP server, frames bounded by WS_MAX_FRAME_BYTES.
  app.useWebSocketAdapter(new BoundedWsAdapter(app, env.WS_MAX_FRAME_BYTES, parseClientFrame));
  // No enableShutdownHooks(): main.ts owns SIGTERM/SIGINT (drain streams first, then close).
  setUpSwagger(app, env);
  return app;
}

function setUpSwagger(app: INestApplication, env: EnvironmentSchema): void {
  SwaggerModule.setup('docs', app, createOpenApiDocument(app, env), {
    jsonDocumentUrl: 'docs-json',
  });
}
