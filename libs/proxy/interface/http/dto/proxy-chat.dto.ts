import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsTextInput } from './text-input.validator';

export const SEED_CHAT_PAYLOAD = {
  anthropic_version: 'bedrock-2023-05-31',
  messages: [{ role: 'user', content: [{ type: 'text', text: '解释 DevOps 概念' }] }],
  max_tokens: 256,
};

/** The seed proxy's request: `{mode, model?, payload, stream?, text?}`. */
export class ProxyChatRequestDto {
  @ApiPropertyOptional({ enum: ['chat', 'embed'], default: 'chat' })
  @IsOptional()
  @IsIn(['chat', 'embed'])
  mode?: 'chat' | 'embed';

  @ApiPropertyOptional({
    description:
      'Model id; default LLM_MODEL_ID (chat) or LLM_EMBED_MODEL_ID (embed). Must be allowed by LLM_MODELS / EMBED_MODELS.',
    example: 'anthropic.claude-3-haiku-20240307-v1:0',
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  model?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'chat: an Anthropic Messages body (anthropic_version, messages with string or text-block content, system, max_tokens, temperature, top_p, top_k, stop_sequences).',
    example: SEED_CHAT_PAYLOAD,
  })
  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;

  @ApiPropertyOptional({
    default: false,
    description: 'chat: answer as NDJSON lines (application/x-ndjson)',
  })
  @IsOptional()
  @IsBoolean()
  stream?: boolean;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'string', minLength: 1 },
      { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, maxItems: 256 },
    ],
    description: 'embed: the text, or an array of up to 256 texts, none empty',
    example: '这是一个测试句子',
  })
  @IsOptional()
  @IsTextInput()
  text?: string | string[];

  @ApiPropertyOptional({
    description: 'embed: vector size (Titan v2: 256, 512, 1024)',
    example: 1024,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8192)
  dimensions?: number;

  @ApiPropertyOptional({ description: 'embed: unit-length vectors', example: true })
  @IsOptional()
  @IsBoolean()
  normalize?: boolean;
}

export class ProxyUsageDto {
  @ApiProperty({ type: Number, nullable: true, example: 14 }) input_tokens!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 96 }) output_tokens!: number | null;
}

export class ProxyChatResponseDto {
  @ApiProperty({ example: 'DevOps 是一种将开发与运维结合的文化与实践……' }) answer!: string;
  @ApiProperty({ type: ProxyUsageDto }) usage!: ProxyUsageDto;
  @ApiProperty({ example: 'anthropic.claude-3-haiku-20240307-v1:0' }) model!: string;
  @ApiProperty({ type: String, nullable: true, example: 'end_turn' }) stop_reason!: string | null;
}

export class ProxyEmbedResponseDto {
  @ApiPropertyOptional({
    type: [Number],
    description: 'When `text` was a string',
    example: [0.0123, -0.0456],
  })
  embedding?: number[];
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'array', items: { type: 'number' } },
    description: 'When `text` was an array',
  })
  embeddings?: number[][];
  @ApiProperty({ example: 1024 }) dimensions!: number;
  @ApiProperty({ example: 'amazon.titan-embed-text-v2:0' }) model!: string;
}
