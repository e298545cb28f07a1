import { INestApplication, ValidationPipe } from '@nestjs/common';
import type { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { parseClientFrame } from '@app/conversations';
import {
  applyBearerSecurity,
  applyHttpDefaults,
  BoundedWsAdapter,
  createHttpAdapter,
} from '@app/platform';
import { EnvironmentSchema } from './config/env.schema';

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
  setUpSwagger(app);
  return app;
}

/** OpenAPI cannot describe a WebSocket route: the API description documents it. */
const WEBSOCKET_DESCRIPTION = [
  '## WebSocket: `GET /api/v1/ws` (Upgrade: websocket)',
  'The turns of `POST /api/v1/conversations/{id}/messages` over one socket, several at a time. Auth as HTTP: AUTH_MODE=jwt takes a token as the sub-protocol pair `bearer, <token>` (`new WebSocket(url, ["bearer", token])`), an `Authorization: Bearer` header, or a first frame `{"type":"auth","token"}` (answered `{"type":"authenticated","userId"}`); without one the socket gets an error frame and is closed with 4401. AUTH_MODE=none: `X-User-Id`. Frames count against the HTTP rate limits (send: chat limit; others: read limit).',
  'Client frames (JSON text): `{"type":"send","conversationId","content","clientMessageId"?,"model"?}`; `{"type":"stop","conversationId","messageId"}` (answered `{"type":"stopped","conversationId","messageId","message"}`, message as MessageDto); `{"type":"attach","conversationId","messageId","lastEventId"?}` (the events after lastEventId, then live ones).',
  'Server frames: `{"type":"event","conversationId","messageId","event","id","data"}` where event is `message.start` | `delta` | `message.end` | `error` and id/data are those of the SSE stream; `{"type":"error","code","message","details"?}` for a frame that cannot be handled (`malformed_json`, `invalid_frame`, `unknown_type`, `conversation_not_found`, `message_not_found`, `rate_limited`, ...): the socket stays open. Frames over WS_MAX_FRAME_BYTES close the socket (1009). A dropped socket leaves its answers running (STREAM_ON_DISCONNECT=abort cancels them).',
].join('\n\n');

function setUpSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Chat backend')
    .setDescription(
      [
        'Conversational AI backend: conversations stored in PostgreSQL, answers from Amazon Bedrock (or another provider), whole or streamed. Every error uses the envelope {"error":{code,message,details?,requestId}}.',
        WEBSOCKET_DESCRIPTION,
      ].join('\n\n'),
    )
    .setVersion('1.0.0')
    .addBearerAuth()
    .build();
  const document = applyBearerSecurity(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
