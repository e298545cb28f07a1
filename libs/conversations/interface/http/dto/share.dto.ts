import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_SHARE_DAYS, MIN_SHARE_DAYS } from '../../../domain';

export class CreateShareDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: MIN_SHARE_DAYS,
    maximum: MAX_SHARE_DAYS,
    example: 30,
    nullable: true,
    description: 'Days until the link stops working; absent or null: until revoked',
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_SHARE_DAYS)
  @Max(MAX_SHARE_DAYS)
  expiresInDays?: number | null;
}

export class ShareDto {
  @ApiProperty({
    example: 'q3Jx9V1c0pZ2mVb7kLr8YtWn4sQe5uHa6dGf1iJk2lM',
    description: 'Unguessable (256 random bits, base64url); whoever holds it can read the snapshot',
  })
  token!: string;
  @ApiProperty({
    example: '/api/v1/shares/q3Jx9V1c0pZ2mVb7kLr8YtWn4sQe5uHa6dGf1iJk2lM',
    description: 'Path of the public read, relative to this API',
  })
  url!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) expiresAt!: string | null;
}

export class SharedMessageDto {
  @ApiProperty({ enum: ['user', 'assistant', 'system'] }) role!: string;
  @ApiProperty({ example: 'What are SQL injection attacks?' }) content!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class SharedConversationDto {
  @ApiProperty({ type: 'string', nullable: true, example: 'SQL injection' }) title!: string | null;
  @ApiProperty({ type: [SharedMessageDto] }) messages!: SharedMessageDto[];
  @ApiProperty({ format: 'date-time', description: 'When the snapshot was taken' })
  sharedAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) expiresAt!: string | null;
}
