import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type {
  OpenAiChatBody,
  OpenAiContent,
  OpenAiMessage,
  OpenAiRole,
  OpenAiTool,
  OpenAiToolChoice,
} from '../../../application/openai/openai-chat.types';

export class OpenAiFunctionCallDto {
  @ApiProperty({ example: 'get_weather' }) name!: string;
  @ApiProperty({
    description: 'The arguments as a JSON object in a string',
    example: '{"city":"Paris"}',
  })
  arguments!: string;
}

export class OpenAiToolCallDto {
  @ApiProperty({ example: 'call_mock_1_get_weather' }) id!: string;
  @ApiProperty({ enum: ['function'] }) type!: 'function';
  @ApiProperty({ type: OpenAiFunctionCallDto }) function!: OpenAiFunctionCallDto;
}

export class OpenAiTextPartDto {
  @ApiProperty({ enum: ['text'] }) type!: 'text';
  @ApiProperty({ example: 'What is in this image?' }) text!: string;
}

export class OpenAiImageUrlDto {
  @ApiProperty({
    description:
      'A base64 data: URL (png, jpeg, gif, webp; at most 3,750,000 bytes). Remote URLs are refused (400), never fetched.',
    example: 'data:image/png;base64,iVBORw0KGgo...',
  })
  url!: string;
  @ApiPropertyOptional({ enum: ['auto', 'low', 'high'], description: 'Accepted and ignored' })
  detail?: 'auto' | 'low' | 'high';
}

export class OpenAiImagePartDto {
  @ApiProperty({ enum: ['image_url'] }) type!: 'image_url';
  @ApiProperty({ type: OpenAiImageUrlDto }) image_url!: OpenAiImageUrlDto;
}

const CONTENT_SCHEMA = {
  oneOf: [
    { type: 'string' },
    {
      type: 'array',
      items: {
        oneOf: [
          { $ref: getSchemaPath(OpenAiTextPartDto) },
          { $ref: getSchemaPath(OpenAiImagePartDto) },
        ],
      },
    },
  ],
  nullable: true,
};

/** One message (documentation; the messages are checked field by field by the use case). */
export class OpenAiMessageDto implements OpenAiMessage {
  @ApiProperty({ enum: ['system', 'developer', 'user', 'assistant', 'tool'], example: 'user' })
  role!: OpenAiRole;
  @ApiPropertyOptional({
    ...CONTENT_SCHEMA,
    description:
      'A string or parts: text for every role, image_url (data: URLs) for user messages; null for an assistant message with tool_calls',
    example: 'What is the weather in Paris?',
  })
  content?: OpenAiContent | null;
  @ApiPropertyOptional({ description: 'Accepted and ignored' }) name?: string;
  @ApiPropertyOptional({ type: [OpenAiToolCallDto], description: 'assistant: the calls it made' })
  tool_calls?: OpenAiToolCallDto[];
  @ApiPropertyOptional({ description: 'tool: the id of the call this message answers' })
  tool_call_id?: string;
}

export class OpenAiFunctionDto {
  @ApiProperty({ example: 'get_weather', pattern: '^[A-Za-z0-9_-]{1,64}$' }) name!: string;
  @ApiPropertyOptional({ example: 'The current weather in a city' }) description?: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Schema of the arguments',
    example: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  })
  parameters?: Record<string, unknown>;
  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'Accepted and ignored' })
  strict?: boolean | null;
}

export class OpenAiToolDto implements OpenAiTool {
  @ApiProperty({ enum: ['function'] }) type!: 'function';
  @ApiProperty({ type: OpenAiFunctionDto }) function!: OpenAiFunctionDto;
}

export class OpenAiNamedToolChoiceDto {
  @ApiProperty({ enum: ['function'] }) type!: 'function';
  @ApiProperty({ example: { name: 'get_weather' } }) function!: { name: string };
}

export class OpenAiStreamOptionsDto {
  @ApiPropertyOptional({ description: 'A last chunk with `usage` and no choices' })
  @IsOptional()
  @IsBoolean()
  include_usage?: boolean;
}

export class ChatCompletionRequestDto implements OpenAiChatBody {
  @ApiProperty({
    example: 'anthropic.claude-3-haiku-20240307-v1:0',
    description: 'One of GET /v1/models',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  model!: string;

  @ApiProperty({ type: [OpenAiMessageDto] })
  @IsArray()
  @ArrayMinSize(1)
  messages!: OpenAiMessage[];

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, example: 256 })
  @IsOptional()
  @IsInt()
  @Min(1)
  max_tokens?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    description: 'Wins over max_tokens',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  max_completion_tokens?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 2, example: 0.2 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(2)
  temperature?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  top_p?: number | null;

  @ApiPropertyOptional({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, maxItems: 4 }],
    nullable: true,
  })
  @IsOptional()
  @Allow()
  stop?: string | string[] | null;

  @ApiPropertyOptional({ type: Number, nullable: true, enum: [1], description: 'Only 1 choice' })
  @IsOptional()
  @IsInt()
  @IsIn([1], { message: 'n must be 1: one choice per request' })
  n?: number | null;

  @ApiPropertyOptional({ description: 'Your end user (logged as endUser)', maxLength: 256 })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  user?: string;

  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    description: 'Server-Sent Events of chat.completion.chunk, ended by `data: [DONE]`',
  })
  @IsOptional()
  @IsBoolean()
  stream?: boolean | null;

  @ApiPropertyOptional({ type: OpenAiStreamOptionsDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OpenAiStreamOptionsDto)
  stream_options?: OpenAiStreamOptionsDto | null;

  @ApiPropertyOptional({ type: [OpenAiToolDto] })
  @IsOptional()
  @IsArray()
  tools?: OpenAiTool[];

  @ApiPropertyOptional({
    oneOf: [
      { type: 'string', enum: ['auto', 'none', 'required'] },
      { $ref: getSchemaPath(OpenAiNamedToolChoiceDto) },
    ],
  })
  @IsOptional()
  @Allow()
  tool_choice?: OpenAiToolChoice;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'Accepted; calls are made one at a time or together as the model decides',
  })
  @IsOptional()
  @IsBoolean()
  parallel_tool_calls?: boolean;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Accepted and ignored' })
  @IsOptional()
  @IsNumber()
  @Min(-2)
  @Max(2)
  frequency_penalty?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Accepted and ignored' })
  @IsOptional()
  @IsNumber()
  @Min(-2)
  @Max(2)
  presence_penalty?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Accepted and ignored' })
  @IsOptional()
  @IsInt()
  seed?: number | null;

  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    enum: [false],
    description: 'Log probabilities are not available',
  })
  @IsOptional()
  @IsIn([false], { message: 'logprobs are not available' })
  logprobs?: boolean | null;
}
