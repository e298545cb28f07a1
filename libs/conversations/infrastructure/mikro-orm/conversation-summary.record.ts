import { EntitySchema } from '@mikro-orm/core';

export class ConversationSummaryRecord {
  conversationId!: string;
  coversUntilMessageId!: string;
  ownerId!: string;
  content!: string;
  model!: string;
  createdAt!: Date;
}

export const ConversationSummarySchema = new EntitySchema<ConversationSummaryRecord>({
  class: ConversationSummaryRecord,
  tableName: 'conversation_summaries',
  properties: {
    conversationId: { type: 'string', fieldName: 'conversation_id' },
    coversUntilMessageId: { type: 'uuid', primary: true, fieldName: 'covers_until_message_id' },
    ownerId: { type: 'string', fieldName: 'owner_id' },
    content: { type: 'text' },
    model: { type: 'string' },
    createdAt: { type: 'datetime', fieldName: 'created_at' },
  },
});
