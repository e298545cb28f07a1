import { ApiProperty } from '@nestjs/swagger';

export class ConversationSummaryDto {
  @ApiProperty({
    example: 'The user asked about SQL injection; the assistant explained prepared statements.',
    description: 'Written by the model; sent to it before the messages after coversUntilMessageId',
  })
  text!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The last message of the active branch the summary stands for',
  })
  coversUntilMessageId!: string;

  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
