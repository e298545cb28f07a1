import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  CONVERSATION_ID_PATTERN,
  MAX_SYSTEM_PROMPT_LENGTH,
  MAX_TITLE_LENGTH,
} from '../../../domain';
import { MaxJsonSize } from './max-json-size.validator';
import { IsStorableText } from './storable-text.validator';
import { ConversationSummaryDto } from './summary.dto';

export class CreateConversationDto {
  @ApiPropertyOptional({
    description: 'Client-chosen id (absent or null: a UUIDv7 is made)',
    example: 'test-chat-123',
    pattern: CONVERSATION_ID_PATTERN.source,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @Matches(CONVERSATION_ID_PATTERN)
  id?: string | null;

  @ApiPropertyOptional({
    example: 'Security questions',
    maxLength: MAX_TITLE_LENGTH,
    nullable: true,
    description: 'Absent or null: titled from the first message',
  })
  @IsOptional()
  @IsString()
  @IsStorableText()
  @MinLength(1)
  @MaxLength(MAX_TITLE_LENGTH)
  title?: string | null;

  @ApiPropertyOptional({
    example: 'You are a concise security expert.',
    maxLength: MAX_SYSTEM_PROMPT_LENGTH,
    nullable: true,
    description: 'Absent or null: none',
  })
  @IsOptional()
  @IsString()
  @IsStorableText()
  @MaxLength(MAX_SYSTEM_PROMPT_LENGTH)
  systemPrompt?: string | null;

  @ApiPropertyOptional({
    description: 'One of GET /api/v1/models (absent or null: the configured default)',
    example: 'anthropic.claude-3-haiku-20240307-v1:0',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  model?: string | null;

  @ApiPropertyOptional({
    description: 'Free-form JSON object (at most 16 KB); null is refused',
    example: { project: 'alpha' },
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsObject()
  @IsStorableText()
  @MaxJsonSize(16384)
  metadata?: Record<string, unknown>;
}

export class UpdateConversationDto {
  @ApiPropertyOptional({
    example: 'Renamed',
    maxLength: MAX_TITLE_LENGTH,
    nullable: true,
    description: 'null: removes the title',
  })
  @IsOptional()
  @IsString()
  @IsStorableText()
  @MinLength(1)
  @MaxLength(MAX_TITLE_LENGTH)
  title?: string | null;

  @ApiPropertyOptional({
    maxLength: MAX_SYSTEM_PROMPT_LENGTH,
    nullable: true,
    description: 'null: removes the system prompt',
  })
  @IsOptional()
  @IsString()
  @IsStorableText()
  @MaxLength(MAX_SYSTEM_PROMPT_LENGTH)
  systemPrompt?: string | null;

  @ApiPropertyOptional({
    example: 'anthropic.claude-3-haiku-20240307-v1:0',
    nullable: true,
    description: 'null: back to the configured default model',
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  model?: string | null;

  @ApiPropertyOptional({
    description:
      'Replaces the metadata: a JSON object (at most 16 KB); null is refused, {} clears it',
    example: { project: 'beta' },
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsObject()
  @IsStorableText()
  @MaxJsonSize(16384)
  metadata?: Record<string, unknown>;
}

/** limit/offset paging shared by every list endpoint. */
export class PageQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 100000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100000)
  offset = 0;
}

export class ListConversationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'nextCursor of the previous page (keyset paging; offset is then ignored)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive search in titles', maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsStorableText()
  @MaxLength(200)
  q?: string;
}

export class ListMessagesQueryDto {
  @ApiPropertyOptional({
    description: 'true: every branch (edits, regenerations); default: the active branch',
    default: false,
  })
  @IsOptional()
  @Transform(({ value }) =>
    value === 'true' || value === true
      ? true
      : value === 'false' || value === false
        ? false
        : value,
  )
  @IsIn([true, false], { message: 'all must be true or false' })
  all?: boolean;
}

export class UsageDto {
  @ApiPropertyOptional({ nullable: true, example: 12 }) inputTokens!: number | null;
  @ApiPropertyOptional({ nullable: true, example: 48 }) outputTokens!: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 0.000063,
    description: "USD at the model's price (MODEL_PRICES_FILE); null: unknown tokens or no price",
  })
  costUsd!: number | null;
}

export class MessageErrorDto {
  @ApiProperty({ example: 'throttled' }) code!: string;
  @ApiProperty({ example: 'The model provider is throttling requests' }) message!: string;
  @ApiPropertyOptional() retryable?: boolean;
}

export class MessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'test-chat-123' }) conversationId!: string;
  @ApiProperty({ example: 1, description: 'Position in the conversation, gap-free' }) seq!: number;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) parentId!: string | null;
  @ApiProperty({ enum: ['user', 'assistant', 'system'] }) role!: string;
  @ApiProperty({ example: 'What are SQL injection attacks?' }) content!: string;
  @ApiProperty({ enum: ['pending', 'streaming', 'complete', 'failed', 'cancelled'] })
  status!: string;
  @ApiPropertyOptional({ nullable: true, description: "The seed's message_uid" }) clientMessageId!:
    string | null;
  @ApiProperty({
    format: 'uuid',
    description: "The seed's response_session_id: links a user message to its answer",
  })
  turnId!: string;
  @ApiPropertyOptional({ nullable: true }) model!: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'end' }) stopReason!: string | null;
  @ApiProperty({ type: UsageDto }) usage!: UsageDto;
  @ApiPropertyOptional({ nullable: true }) latencyMs!: number | null;
  @ApiPropertyOptional({ nullable: true }) timeToFirstTokenMs!: number | null;
  @ApiPropertyOptional({ nullable: true, type: MessageErrorDto }) error!: MessageErrorDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata!: Record<string, unknown>;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ConversationDto {
  @ApiProperty({ example: 'test-chat-123' }) id!: string;
  @ApiPropertyOptional({ nullable: true, example: 'What are SQL injection attacks?' }) title!:
    string | null;
  @ApiPropertyOptional({ nullable: true }) model!: string | null;
  @ApiPropertyOptional({ nullable: true }) systemPrompt!: string | null;
  @ApiProperty({ example: 2 }) messageCount!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata!: Record<string, unknown>;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
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

export class ConversationPageDto {
  @ApiProperty({ type: [ConversationDto] }) items!: ConversationDto[];
  @ApiProperty({ example: 1 }) total!: number;
  @ApiProperty({ example: 50 }) limit!: number;
  @ApiProperty({ example: 0 }) offset!: number;
  @ApiPropertyOptional({
    nullable: true,
    description: 'Pass as ?cursor= for the next page; null on the last page',
  })
  nextCursor!: string | null;
}

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'markdown', 'pdf'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'markdown', 'pdf'])
  format: 'json' | 'markdown' | 'pdf' = 'json';
}
