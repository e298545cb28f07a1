import { EntitySchema } from '@mikro-orm/core';

/** Row shapes of the two tables; kept apart from the domain and mapped by small functions. */
export class ConversationRecord {
  ownerId!: string;
  id!: string;
  title!: string | null;
  model!: string | null;
  systemPrompt!: string | null;
  currentLeafId!: string | null;
  messageCount!: number;
  lastSeq!: number;
  version!: number;
  metadata!: Record<string, unknown>;
  createdAt!: Date;
  updatedAt!: Date;
  deletedAt!: Date | null;
}

export const ConversationSchema = new EntitySchema<ConversationRecord>({
  class: ConversationRecord,
  tableName: 'conversations',
  properties: {
    ownerId: { type: 'string', primary: true, fieldName: 'owner_id' },
    id: { type: 'string', primary: true },
    title: { type: 'string', nullable: true },
    model: { type: 'string', nullable: true },
    systemPrompt: { type: 'text', nullable: true, fieldName: 'system_prompt' },
    currentLeafId: { type: 'uuid', nullable: true, fieldName: 'current_leaf_id' },
    messageCount: { type: 'integer', fieldName: 'message_count' },
    lastSeq: { type: 'integer', fieldName: 'last_seq' },
    version: { type: 'integer' },
    metadata: { type: 'json' },
    createdAt: { type: 'datetime', fieldName: 'created_at' },
    updatedAt: { type: 'datetime', fieldName: 'updated_at' },
    deletedAt: { type: 'datetime', nullable: true, fieldName: 'deleted_at' },
  },
});
