import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { applyApiSecurity, documentServerRefusals } from '@app/platform';
import type { EnvironmentSchema } from './config/env.schema';

/** OpenAPI cannot describe a WebSocket route: the API description documents it. */
const WEBSOCKET_DESCRIPTION = [
  '## WebSocket: `GET /api/v1/ws` (Upgrade: websocket)',
  'The turns of `POST /api/v1/conversations/{id}/messages` over one socket, several at a time. Auth as HTTP: AUTH_MODE=jwt takes a token as the sub-protocol pair `bearer, <token>` (`new WebSocket(url, ["bearer", token])`), an `Authorization: Bearer` header, or a first frame `{"type":"auth","token"}` (answered `{"type":"authenticated","userId"}`); without one the socket gets an error frame and is closed with 4401. AUTH_MODE=none: `X-User-Id`. Frames count against the HTTP rate limits (send: chat limit; others: read limit).',
  'Client frames (JSON text): `{"type":"send","conversationId","content","clientMessageId"?,"model"?}`; `{"type":"stop","conversationId","messageId"}` (answered `{"type":"stopped","conversationId","messageId","message"}`, message as MessageDto); `{"type":"attach","conversationId","messageId","lastEventId"?}` (the events after lastEventId, then live ones).',
  'Server frames: `{"type":"event","conversationId","messageId","event","id","data"}` where event is `message.start` | `delta` | `message.end` | `error` and id/data are those of the SSE stream; `{"type":"error","code","message","details"?}` for a frame that cannot be handled (`malformed_json`, `invalid_frame`, `unknown_type`, `conversation_not_found`, `message_not_found`, `rate_limited`, ...): the socket stays open. Frames over WS_MAX_FRAME_BYTES close the socket (1009). A dropped socket leaves its answers running (STREAM_ON_DISCONNECT=abort cancels them).',
].join('\n\n');

/**
 * The app's OpenAPI document, describing the configured auth mode: a bearer token with
 * AUTH_MODE=jwt, the optional X-User-Id header with AUTH_MODE=none.
 */
export function createOpenApiDocument(
  app: INestApplication,
  env: Pick<EnvironmentSchema, 'AUTH_MODE'>,
): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Chat backend')
    .setDescription(
      [
        'Conversational AI backend: conversations stored in PostgreSQL, answers from Amazon Bedrock (or another provider), whole or streamed. Every error uses the envelope {"error":{code,message,details?,requestId}}.',
        WEBSOCKET_DESCRIPTION,
      ].join('\n\n'),
    )
    .setVersion('1.0.0');
  const document = SwaggerModule.createDocument(app, builder.build());
  return applyApiSecurity(documentServerRefusals(document), env.AUTH_MODE);
}
