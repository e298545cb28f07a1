import { EntitySchema } from '@mikro-orm/core';
import type { MessageError, MessageRole, MessageStatus } from '../../domain';

export class MessageRecord {
  id!: string;
  conversationId!: string;
  ownerId!: string;
  seq!: number;
  parentId!: string | null;
  role!: MessageRole;
  content!: string;
  status!: MessageStatus;
  clientMessageId!: string | null;
  turnId!: string;
  model!: string | null;
  stopReason!: string | null;
  inputTokens!: number | null;
  outputTokens!: number | null;
  costUsd!: number | null;
  latencyMs!: number | null;
  timeToFirstTokenMs!: number | null;
  error!: MessageError | null;
  metadata!: Record<string, unknown>;
  heartbeatAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export const MessageSchema = new EntitySchema<MessageRecord>({
  class: MessageRecord,
  tableName: 'messages',
  properties: {
    id: { type: 'uuid', primary: true },
    conversationId: { type: 'string', fieldName: 'conversation_id' },
    ownerId: { type: 'string', fieldName: 'owner_id' },
    seq: { type: 'integer' },
    parentId: { type: 'uuid', nullable: true, fieldName: 'parent_id' },
    role: { type: 'string' },
    content: { type: 'text' },
    status: { type: 'string' },
    clientMessageId: { type: 'string', nullable: true, fieldName: 'client_message_id' },
    turnId: { type: 'uuid', fieldName: 'turn_id' },
    model: { type: 'string', nullable: true },
    stopReason: { type: 'string', nullable: true, fieldName: 'stop_reason' },
    inputTokens: { type: 'integer', nullable: true, fieldName: 'input_tokens' },
    outputTokens: { type: 'integer', nullable: true, fieldName: 'output_tokens' },
    costUsd: {
      type: 'decimal',
      precision: 18,
      scale: 10,
      runtimeType: 'number',
      nullable: true,
      fieldName: 'cost_usd',
    },
    latencyMs: { type: 'integer', nullable: true, fieldName: 'latency_ms' },
    timeToFirstTokenMs: { type: 'integer', nullable: true, fieldName: 'time_to_first_token_ms' },
    error: { type: 'json', nullable: true },
    metadata: { type: 'json' },
    heartbeatAt: { type: 'datetime', nullable: true, fieldName: 'heartbeat_at' },
    createdAt: { type: 'datetime', fieldName: 'created_at' },
    updatedAt: { type: 'datetime', fieldName: 'updated_at' },
  },
});
