import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OpenAiToolCallDto } from './openai-chat.dto';

const FINISH_REASONS = ['stop', 'length', 'tool_calls', 'content_filter'];

export class OpenAiUsageDto {
  @ApiProperty({ example: 12 }) prompt_tokens!: number;
  @ApiProperty({ example: 34 }) completion_tokens!: number;
  @ApiProperty({ example: 46 }) total_tokens!: number;
}

export class ChatCompletionMessageDto {
  @ApiProperty({ enum: ['assistant'] }) role!: 'assistant';
  @ApiProperty({ type: String, nullable: true, example: 'Paris is sunny today.' })
  content!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) refusal!: string | null;
  @ApiPropertyOptional({ type: [OpenAiToolCallDto] }) tool_calls?: OpenAiToolCallDto[];
}

export class ChatCompletionChoiceDto {
  @ApiProperty({ example: 0 }) index!: number;
  @ApiProperty({ type: ChatCompletionMessageDto }) message!: ChatCompletionMessageDto;
  @ApiProperty({ type: Object, nullable: true, example: null }) logprobs!: null;
  @ApiProperty({ enum: FINISH_REASONS, example: 'stop' }) finish_reason!: string;
}

export class ChatCompletionDto {
  @ApiProperty({ example: 'chatcmpl-0b9c7d0e6c1f4a539d573f0f8f3c2a10' }) id!: string;
  @ApiProperty({ enum: ['chat.completion'] }) object!: 'chat.completion';
  @ApiProperty({ example: 1764859200, description: 'Unix seconds' }) created!: number;
  @ApiProperty({ example: 'anthropic.claude-3-haiku-20240307-v1:0' }) model!: string;
  @ApiProperty({ type: [ChatCompletionChoiceDto] }) choices!: ChatCompletionChoiceDto[];
  @ApiProperty({ type: OpenAiUsageDto }) usage!: OpenAiUsageDto;
  @ApiProperty({ type: String, nullable: true, example: null }) system_fingerprint!: null;
}

export class OpenAiEmbeddingDto {
  @ApiProperty({ enum: ['embedding'] }) object!: 'embedding';
  @ApiProperty({ example: 0 }) index!: number;
  @ApiProperty({
    oneOf: [
      { type: 'array', items: { type: 'number' } },
      { type: 'string', description: 'base64 of little-endian float32 values' },
    ],
    example: [0.0123, -0.0456],
  })
  embedding!: number[] | string;
}

export class OpenAiEmbeddingUsageDto {
  @ApiProperty({ example: 6 }) prompt_tokens!: number;
  @ApiProperty({ example: 6 }) total_tokens!: number;
}

export class OpenAiEmbeddingListDto {
  @ApiProperty({ enum: ['list'] }) object!: 'list';
  @ApiProperty({ type: [OpenAiEmbeddingDto] }) data!: OpenAiEmbeddingDto[];
  @ApiProperty({ example: 'amazon.titan-embed-text-v2:0' }) model!: string;
  @ApiProperty({ type: OpenAiEmbeddingUsageDto }) usage!: OpenAiEmbeddingUsageDto;
}

export class OpenAiModelDto {
  @ApiProperty({ example: 'anthropic.claude-3-haiku-20240307-v1:0' }) id!: string;
  @ApiProperty({ enum: ['model'] }) object!: 'model';
  @ApiProperty({ example: 0, description: 'Unix seconds (unknown: 0)' }) created!: number;
  @ApiProperty({ example: 'bedrock', description: 'The provider serving it' }) owned_by!: string;
}

export class OpenAiModelListDto {
  @ApiProperty({ enum: ['list'] }) object!: 'list';
  @ApiProperty({ type: [OpenAiModelDto] }) data!: OpenAiModelDto[];
}

export class OpenAiErrorDetailDto {
  @ApiProperty({
    example:
      'The request is not valid: messages[1].role must be one of system, developer, user, assistant, tool',
  })
  message!: string;
  @ApiProperty({
    enum: [
      'invalid_request_error',
      'authentication_error',
      'permission_error',
      'rate_limit_error',
      'server_error',
    ],
  })
  type!: string;
  @ApiProperty({ type: String, nullable: true, example: 'messages[1].role' }) param!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'validation_failed' }) code!: string | null;
}

export class OpenAiErrorDto {
  @ApiProperty({ type: OpenAiErrorDetailDto }) error!: OpenAiErrorDetailDto;
}
