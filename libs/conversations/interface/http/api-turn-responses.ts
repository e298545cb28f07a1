import { applyDecorators } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { TurnDto } from './dto/message.dto';
import { STREAM_EVENT_MODELS } from './dto/stream-events.dto';

const SSE_EXAMPLE =
  'id: 0\nevent: message.start\ndata: {"conversationId":"test-chat-123","assistantMessageId":"0196...","turnId":"0196...","model":"anthropic.claude-3-haiku-20240307-v1:0","userMessage":{}}\n\n' +
  'id: 1\nevent: delta\ndata: {"text":"SQL injection "}\n\n' +
  'id: 7\nevent: message.end\ndata: {"message":{"status":"complete"},"usage":{"inputTokens":12,"outputTokens":48},"stopReason":"end"}\n\n';

/** A Server-Sent Events body; each event's data is one of the Stream*EventDto schemas. */
const sseContent = { 'text/event-stream': { schema: { type: 'string' }, example: SSE_EXAMPLE } };

/**
 * A route answering a turn: 201 with the stored turn for a new one answered whole (JSON); 200
 * for a streamed one (SSE) or a replayed one (JSON, `replayed: true`).
 */
export function ApiTurnResponses() {
  const turn = { 'application/json': { schema: { $ref: getSchemaPath(TurnDto) } } };
  return applyDecorators(
    ApiExtraModels(TurnDto, ...STREAM_EVENT_MODELS),
    ApiCreatedResponse({ description: 'A new turn, answered whole (JSON)', content: turn }),
    ApiOkResponse({
      description:
        'SSE (`Accept: text/event-stream` or `?stream=true`): message.start, delta..., then message.end or error. JSON: a replayed turn (`replayed: true`).',
      content: { ...turn, ...sseContent },
    }),
  );
}

/** The re-attach route: the events after Last-Event-ID, or 204 when the client has them all. */
export function ApiReattachResponses() {
  return applyDecorators(
    ApiExtraModels(...STREAM_EVENT_MODELS),
    ApiOkResponse({
      description: 'The events after Last-Event-ID, ending with message.end or error',
      content: sseContent,
    }),
    ApiNoContentResponse({
      description:
        'The answer is finished and Last-Event-ID is its last event (or later): nothing left to send. Stop reconnecting.',
    }),
  );
}
