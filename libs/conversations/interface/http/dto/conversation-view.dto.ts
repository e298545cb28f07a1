/** What the conversation routes answer: conversations, their messages and pages of them. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ConversationSummaryDto } from './summary.dto';

/** Who wrote a message, and where an answer is in its life. */
export const MESSAGE_ROLES = ['user', 'assistant', 'system'] as const;
export const MESSAGE_STATUSES = [
  'pending',
  'streaming',
  'complete',
  'failed',
  'cancelled',
] as const;

export class UsageDto {
  @ApiProperty({ type: 'integer', nullable: true, example: 12 }) inputTokens!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 48 }) outputTokens!: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 0.000063,
    description: "USD at the model's price (MODEL_PRICES_FILE); null: unknown tokens or no price",
  })
  costUsd!: number | null;
}

export class MessageErrorDto {
  @ApiProperty({ example: 'provider_throttled' }) code!: string;
  @ApiProperty({ example: 'The model provider is throttling requests' }) message!: string;
  @ApiPropertyOptional({ type: Boolean }) retryable?: boolean;
}

export class MessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'test-chat-123' }) conversationId!: string;
  @ApiProperty({
    type: 'integer',
    example: 1,
    description: 'Position in the conversation, gap-free',
  })
  seq!: number;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The previous message in its branch; null for a first question',
  })
  parentId!: string | null;
  @ApiProperty({ enum: MESSAGE_ROLES }) role!: (typeof MESSAGE_ROLES)[number];
  @ApiProperty({ example: 'What are SQL injection attacks?' }) content!: string;
  @ApiProperty({ enum: MESSAGE_STATUSES }) status!: (typeof MESSAGE_STATUSES)[number];
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'msg-0001',
    description: "The seed's message_uid",
  })
  clientMessageId!: string | null;
  @ApiProperty({
    format: 'uuid',
    description: "The seed's response_session_id: links a user message to its answer",
  })
  turnId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'anthropic.claude-3-haiku-20240307-v1:0' })
  model!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'end',
    description:
      'end, length, content_filter, stop_sequence, tool_use or other; null until the answer ends',
  })
  stopReason!: string | null;
  @ApiProperty({ type: UsageDto }) usage!: UsageDto;
  @ApiProperty({ type: 'integer', nullable: true, example: 840 }) latencyMs!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 210 }) timeToFirstTokenMs!:
    number | null;
  @ApiProperty({ type: MessageErrorDto, nullable: true }) error!: MessageErrorDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata!: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class ConversationDto {
  @ApiProperty({ example: 'test-chat-123' }) id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'What are SQL injection attacks?' })
  title!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'anthropic.claude-3-haiku-20240307-v1:0' })
  model!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'You are a concise security expert.' })
  systemPrompt!: string | null;
  @ApiProperty({ type: 'integer', example: 2 }) messageCount!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata!: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class ConversationWithMessagesDto extends ConversationDto {
  @ApiProperty({ type: [MessageDto] }) messages!: MessageDto[];
  @ApiProperty({
    type: ConversationSummaryDto,
    nullable: true,
    description:
      'The summary standing for the oldest messages of the active branch (sent to the model instead of them); null: none',
  })
  summary!: ConversationSummaryDto | null;
}

export class ConversationExportDto extends ConversationWithMessagesDto {
  @ApiProperty({ type: String, format: 'date-time' }) exportedAt!: string;
}

export class ConversationPageDto {
  @ApiProperty({ type: [ConversationDto] }) items!: ConversationDto[];
  @ApiProperty({ type: 'integer', example: 1 }) total!: number;
  @ApiProperty({ type: 'integer', example: 50 }) limit!: number;
  @ApiProperty({ type: 'integer', example: 0 }) offset!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as ?cursor= for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
