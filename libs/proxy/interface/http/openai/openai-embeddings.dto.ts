import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsTextInput } from '../dto/text-input.validator';

export class OpenAiEmbeddingsRequestDto {
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, maxItems: 256 }],
    description: 'A text or up to 256 texts (token arrays are not accepted)',
    example: ['first document', 'second document'],
  })
  @IsDefined()
  @IsTextInput()
  input!: string | string[];

  @ApiProperty({ example: 'amazon.titan-embed-text-v2:0', description: 'One of GET /v1/models' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  model!: string;

  @ApiPropertyOptional({ enum: ['float', 'base64'], default: 'float' })
  @IsOptional()
  @IsIn(['float', 'base64'])
  encoding_format?: 'float' | 'base64';

  @ApiPropertyOptional({ example: 512, description: 'Titan v2: 256, 512 or 1024' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8192)
  dimensions?: number;

  @ApiPropertyOptional({ maxLength: 256, description: 'Your end user (logged as endUser)' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  user?: string;
}
