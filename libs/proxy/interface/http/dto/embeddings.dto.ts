import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsTextInput } from './text-input.validator';

export class EmbeddingsRequestDto {
  @ApiProperty({
    oneOf: [
      { type: 'string', minLength: 1 },
      { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, maxItems: 256 },
    ],
    description: 'A text or an array of up to 256 texts, none empty',
    example: ['first document', 'second document'],
  })
  @IsDefined()
  @IsTextInput()
  input!: string | string[];

  @ApiPropertyOptional({
    description: 'Default LLM_EMBED_MODEL_ID; must be allowed by EMBED_MODELS',
    example: 'amazon.titan-embed-text-v2:0',
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  model?: string;

  @ApiPropertyOptional({ example: 512 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8192)
  dimensions?: number;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  normalize?: boolean;
}

export class EmbeddingDataDto {
  @ApiProperty({ example: 0 }) index!: number;
  @ApiProperty({ type: [Number], example: [0.0123, -0.0456] }) embedding!: number[];
}

export class EmbeddingsUsageDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 6,
    description: 'Tokens embedded now (cached texts cost none)',
  })
  inputTokens!: number | null;
  @ApiProperty({ example: 1, description: 'Texts served from the embedding cache' })
  cachedTexts!: number;
}

export class EmbeddingsResponseDto {
  @ApiProperty({ type: [EmbeddingDataDto] }) data!: EmbeddingDataDto[];
  @ApiProperty({ example: 'amazon.titan-embed-text-v2:0' }) model!: string;
  @ApiProperty({ example: 512 }) dimensions!: number;
  @ApiProperty({ type: EmbeddingsUsageDto }) usage!: EmbeddingsUsageDto;
}
