import { Conversation, ConversationProps, Message, MessageProps } from '../../domain';
import { ConversationRecord } from './conversation.record';
import { MessageRecord } from './message.record';

/**
 * Records to domain props and back. A row read with the QueryBuilder's mapped results has the
 * record's property names, so it goes through the same functions as a loaded entity.
 */
const date = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const dateOrNull = (value: Date | string | null): Date | null =>
  value === null || value === undefined ? null : date(value);

export function conversationProps(record: ConversationRecord): ConversationProps {
  return {
    id: record.id,
    ownerId: record.ownerId,
    title: record.title ?? null,
    model: record.model ?? null,
    systemPrompt: record.systemPrompt ?? null,
    currentLeafId: record.currentLeafId ?? null,
    messageCount: Number(record.messageCount),
    lastSeq: Number(record.lastSeq),
    version: Number(record.version),
    metadata: record.metadata ?? {},
    createdAt: date(record.createdAt),
    updatedAt: date(record.updatedAt),
    deletedAt: dateOrNull(record.deletedAt),
  };
}

export function messageProps(record: MessageRecord): MessageProps {
  return {
    id: record.id,
    conversationId: record.conversationId,
    ownerId: record.ownerId,
    seq: Number(record.seq),
    parentId: record.parentId ?? null,
    role: record.role,
    content: record.content,
    status: record.status,
    clientMessageId: record.clientMessageId ?? null,
    turnId: record.turnId,
    model: record.model ?? null,
    stopReason: record.stopReason ?? null,
    inputTokens: record.inputTokens ?? null,
    outputTokens: record.outputTokens ?? null,
    costUsd:
      record.costUsd === null || record.costUsd === undefined ? null : Number(record.costUsd),
    latencyMs: record.latencyMs ?? null,
    timeToFirstTokenMs: record.timeToFirstTokenMs ?? null,
    error: record.error ?? null,
    metadata: record.metadata ?? {},
    heartbeatAt: dateOrNull(record.heartbeatAt),
    createdAt: date(record.createdAt),
    updatedAt: date(record.updatedAt),
  };
}

export const toConversation = (record: ConversationRecord): Conversation =>
  Conversation.restore(conversationProps(record));
export const toMessage = (record: MessageRecord): Message => Message.restore(messageProps(record));

export function toConversationRecord(conversation: Conversation): ConversationRecord {
  return Object.assign(new ConversationRecord(), conversation.toJSON());
}

export function toMessageRecord(message: Message): MessageRecord {
  return Object.assign(new MessageRecord(), message.toJSON());
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Message ids are uuids: anything else cannot match, and must not reach a uuid cast. */
export const isUuid = (value: string) => UUID.test(value);
