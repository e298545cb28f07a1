import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ConversationDto, MessageDto } from './conversation-view.dto';
import { IsStorableText } from './storable-text.validator';

export const CLIENT_MESSAGE_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export class SendMessageDto {
  @ApiProperty({
    example: 'What are SQL injection attacks?',
    description: 'Not empty; at most MAX_MESSAGE_CHARS (32,000) characters, else 413',
    minLength: 1,
  })
  @IsString()
  @IsStorableText()
  content!: string;

  @ApiPropertyOptional({
    example: 'msg-0001',
    description:
      "Your id for this message (the seed's message_uid). Resending it returns the stored turn; the model is never called twice. Absent or null: none (the Idempotency-Key header, if any).",
    nullable: true,
    type: String,
    pattern: CLIENT_MESSAGE_ID_PATTERN.source,
  })
  @IsOptional()
  @IsString()
  @Matches(CLIENT_MESSAGE_ID_PATTERN)
  clientMessageId?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'anthropic.claude-3-haiku-20240307-v1:0',
    description:
      "One of GET /api/v1/models; absent or null: the conversation's, else the configured one",
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  model?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    description:
      'Branch from this message (edit an earlier question); absent: after the latest answer; null: a new branch from the start (a new first question)',
    nullable: true,
  })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

export class EditQuestionDto {
  @ApiProperty({ example: 'What are SQL injection attacks, briefly?', minLength: 1 })
  @IsString()
  @IsStorableText()
  content!: string;

  @ApiPropertyOptional({
    type: String,
    example: 'anthropic.claude-3-haiku-20240307-v1:0',
    nullable: true,
    description: "Absent or null: the conversation's model, else the configured one",
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  model?: string | null;
}

export class RegenerateDto {
  @ApiPropertyOptional({
    type: String,
    example: 'anthropic.claude-3-haiku-20240307-v1:0',
    description: 'Another allowed model for the new answer (absent or null: as for a send)',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  model?: string | null;
}

export class TurnDto {
  @ApiProperty({ type: ConversationDto }) conversation!: ConversationDto;
  @ApiProperty({ type: MessageDto }) userMessage!: MessageDto;
  @ApiProperty({ type: MessageDto }) assistantMessage!: MessageDto;
  @ApiProperty({
    description:
      'True when clientMessageId matched an earlier turn (nothing new was sent to the model)',
  })
  replayed!: boolean;
}

export class ModelsDto {
  @ApiProperty({ enum: ['bedrock', 'openai-compatible', 'mock'], example: 'bedrock' })
  provider!: string;
  @ApiProperty({ example: 'anthropic.claude-3-haiku-20240307-v1:0' }) default!: string;
  @ApiProperty({ type: [String], example: ['anthropic.claude-3-haiku-20240307-v1:0'] })
  models!: string[];
}

export const SSE_DESCRIPTION = [
  'With `Accept: text/event-stream` (or `?stream=true`) the answer is streamed as Server-Sent Events.',
  'Every event has an `id:` (its position in the turn: 0, 1, 2, ...) and JSON `data:`:',
  '- `message.start`: `{conversationId, userMessage, assistantMessageId, turnId, model}`',
  '- `delta`: `{text}` (append to the answer)',
  '- `message.end`: `{message, usage: {inputTokens, outputTokens}, stopReason}`: the stored assistant message',
  '- `error`: `{code, message, retryable, messageId}` (e.g. provider_throttled, provider_unavailable, provider_timeout, cancelled, shutdown)',
  'A comment line `: heartbeat` arrives every 15 s. Every stream ends with exactly one `message.end` or `error`.',
  'The turn outlives the connection: re-attach with GET .../messages/{assistantMessageId}/stream and `Last-Event-ID` (204 once you hold the terminal event).',
  '',
  'Example:',
  '```',
  'id: 0',
  'event: message.start',
  'data: {"conversationId":"test-chat-123","assistantMessageId":"0196...","turnId":"0196...","model":"anthropic.claude-3-haiku-20240307-v1:0","userMessage":{...}}',
  '',
  'id: 1',
  'event: delta',
  'data: {"text":"SQL injection "}',
  '',
  'id: 7',
  'event: message.end',
  'data: {"message":{...,"status":"complete"},"usage":{"inputTokens":12,"outputTokens":48},"stopReason":"end"}',
  '```',
].join('\n');

export const REATTACH_DESCRIPTION = [
  'Send the id of the last event you received as `Last-Event-ID` (or `?lastEventId=`); absent or empty means from the start.',
  '- 200 `text/event-stream`: the events after that id, then the live ones, ending with `message.end` or `error`.',
  '  An id past the current end of a running answer waits (no headers yet) for the next event.',
  '- 204 No Content: the answer is finished and you already hold its last event (any id at or past it). Stop reconnecting;',
  '  this also stops a browser EventSource.',
  '- For a finished answer whose event log is gone (`STREAM_LOG_TTL_S`): one `message.end` (or `error`) event with id 0 and the stored message.',
  'Use fetch (not EventSource): the route needs your `X-User-Id` or `Authorization` header.',
].join('\n');
