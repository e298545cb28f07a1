import { ApiPropertyOptional } from '@nestjs/swagger';
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

export class CreateConversationDto {
  @ApiPropertyOptional({
    type: String,
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
    type: String,
    example: 'Security questions',
    maxLength: MAX_TITLE_LENGTH,
    nullable: true,
    minLength: 1,
    description: 'Absent or null: titled from the first message',
  })
  @IsOptional()
  @IsString()
  @IsStorableText()
  @MinLength(1)
  @MaxLength(MAX_TITLE_LENGTH)
  title?: string | null;

  @ApiPropertyOptional({
    type: String,
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
    type: String,
    description: 'One of GET /api/v1/models (absent or null: the configured default)',
    example: 'anthropic.claude-3-haiku-20240307-v1:0',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  model?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
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
    type: String,
    example: 'Renamed',
    maxLength: MAX_TITLE_LENGTH,
    nullable: true,
    minLength: 1,
    description: 'null: removes the title',
  })
  @IsOptional()
  @IsString()
  @IsStorableText()
  @MinLength(1)
  @MaxLength(MAX_TITLE_LENGTH)
  title?: string | null;

  @ApiPropertyOptional({
    type: String,
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
    type: String,
    example: 'anthropic.claude-3-haiku-20240307-v1:0',
    nullable: true,
    description: 'null: back to the configured default model',
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  model?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
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
  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 50;

  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0, maximum: 100000 })
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
    maxLength: 512,
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
    type: Boolean,
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

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'markdown', 'pdf'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'markdown', 'pdf'])
  format: 'json' | 'markdown' | 'pdf' = 'json';
}
