import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MessageDto, UsageDto } from './conversation-view.dto';

/** The `event:` names of a turn's Server-Sent Events; every stream ends with message.end or error. */
export const STREAM_EVENT_NAMES = ['message.start', 'delta', 'message.end', 'error'] as const;

/** `data:` of `message.start`: the stored question and the answer's ids, before the model is called. */
export class MessageStartEventDto {
  @ApiProperty({ example: 'test-chat-123' }) conversationId!: string;
  @ApiProperty({ type: MessageDto }) userMessage!: MessageDto;
  @ApiProperty({ format: 'uuid' }) assistantMessageId!: string;
  @ApiProperty({ format: 'uuid' }) turnId!: string;
  @ApiProperty({ example: 'anthropic.claude-3-haiku-20240307-v1:0' }) model!: string;
}

/** `data:` of `delta`: text to append to the answer. */
export class DeltaEventDto {
  @ApiProperty({ example: 'SQL injection ' }) text!: string;
}

/** `data:` of `message.end`: the stored answer. */
export class MessageEndEventDto {
  @ApiProperty({ type: MessageDto }) message!: MessageDto;
  @ApiProperty({ type: UsageDto }) usage!: UsageDto;
  @ApiProperty({ type: String, nullable: true, example: 'end' }) stopReason!: string | null;
}

/** `data:` of `error`: the answer failed or was stopped (its partial text is stored). */
export class StreamErrorEventDto {
  @ApiProperty({ example: 'provider_throttled' }) code!: string;
  @ApiProperty({ example: 'The model provider is throttling requests' }) message!: string;
  @ApiProperty({ description: 'Worth retrying (or, for stream_unavailable, re-attaching)' })
  retryable!: boolean;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The failed answer; absent on stream_unavailable (sent without an id:)',
  })
  messageId?: string;
}

/** One event of the stream, as the typed client hands it on. */
export class StreamEventDto {
  @ApiPropertyOptional({
    type: 'integer',
    description:
      "Position in the turn (0, 1, 2, ...); absent on an event that must not move the client's Last-Event-ID",
  })
  id?: number;
  @ApiProperty({ enum: STREAM_EVENT_NAMES, enumName: 'StreamEventName' })
  event!: (typeof STREAM_EVENT_NAMES)[number];
}

export const STREAM_EVENT_MODELS = [
  MessageStartEventDto,
  DeltaEventDto,
  MessageEndEventDto,
  StreamErrorEventDto,
  StreamEventDto,
];
