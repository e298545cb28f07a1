import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { CONVERSATION_ID_PATTERN } from '../../../domain';
import { PageQueryDto } from './conversation.dto';
import { CLIENT_MESSAGE_ID_PATTERN } from './message.dto';
import { IsStorableText } from './storable-text.validator';

/** The seed's POST /api/v1/chats body, field names kept. */
export class SeedChatRequestDto {
  @ApiProperty({ example: 'What are SQL injection attacks?', minLength: 1 })
  @IsString()
  @IsStorableText()
  message!: string;

  @ApiPropertyOptional({
    type: String,
    example: 'test-chat-123',
    description:
      'Conversation id; absent or null: a new chat. Any id matching ^[A-Za-z0-9._:-]{1,128}$ (a new one is created).',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @Matches(CONVERSATION_ID_PATTERN)
  chat_id?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'def456',
    description:
      'Your id for the message; resending it returns the stored answer without calling the model again. Absent or null: none.',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @Matches(CLIENT_MESSAGE_ID_PATTERN)
  message_uid?: string | null;
}

export class SeedChatMetadataDto {
  @ApiProperty({ example: 'What are SQL injection attacks?' }) question!: string;
  @ApiProperty({
    example: true,
    description:
      'Bedrock itself produced a complete answer: false with the mock or an OpenAI-compatible provider (see provider)',
  })
  bedrock_processed!: boolean;
  @ApiProperty({ format: 'date-time', example: '2025-11-04T10:30:00.000Z' }) timestamp!: string;
  @ApiProperty({ example: 'bedrock' }) provider!: string;
  @ApiProperty({ type: String, nullable: true, example: 'anthropic.claude-3-haiku-20240307-v1:0' })
  model!: string | null;
}

export class SeedChatResponseDto {
  @ApiProperty({ example: 'SQL injection is ...' }) response!: string;
  @ApiProperty({ example: 'test-chat-123' }) chat_id!: string;
  @ApiProperty({ example: 'def456' }) message_uid!: string;
  @ApiProperty({ example: '0196b6c2-1d2f-7c4e-9a51-0f7e5b1d9c33' }) response_session_id!: string;
  @ApiProperty({ type: SeedChatMetadataDto }) metadata!: SeedChatMetadataDto;
  @ApiProperty({ enum: ['success'], example: 'success' }) status!: 'success';
}

export class SeedTurnDto {
  @ApiProperty({ example: 'test-chat-123' }) chat_id!: string;
  @ApiProperty({ example: 'def456' }) message_uid!: string;
  @ApiProperty({ format: 'uuid' }) response_session_id!: string;
  @ApiProperty({ example: 'What are SQL injection attacks?' }) user_input!: string;
  @ApiProperty({ type: String, nullable: true, example: 'SQL injection is ...' })
  bedrock_response!: string | null;
  @ApiProperty({
    example: 'complete',
    enum: ['pending', 'streaming', 'complete', 'failed', 'cancelled'],
  })
  status!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {
      question: 'What are SQL injection attacks?',
      bedrock_processed: true,
      chat_id: 'test-chat-123',
      message_uid: 'def456',
      response_session_id: '0196...',
      user_id: 'anonymous',
      timestamp: '2025-11-04T00:00:00Z',
    },
  })
  chat_metadata!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class SeedHistoryDto {
  @ApiProperty({ type: [SeedTurnDto] }) items!: SeedTurnDto[];
  @ApiProperty({ type: 'integer', example: 1 }) total!: number;
  @ApiProperty({ type: 'integer', example: 50 }) limit!: number;
  @ApiProperty({ type: 'integer', example: 0 }) offset!: number;
}

export class SeedHistoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'test-chat-123', pattern: CONVERSATION_ID_PATTERN.source })
  @IsOptional()
  @IsString()
  @Matches(CONVERSATION_ID_PATTERN)
  chat_id?: string;

  @ApiPropertyOptional({
    example: 'def456',
    description: 'One turn, by its message_uid (or user message id)',
    pattern: CLIENT_MESSAGE_ID_PATTERN.source,
  })
  @IsOptional()
  @IsString()
  @Matches(CLIENT_MESSAGE_ID_PATTERN)
  message_id?: string;
}
