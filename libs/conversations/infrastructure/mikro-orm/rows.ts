import { Conversation, Message } from '../../domain';
import type { MessageError, MessageProps, MessageRole, MessageStatus } from '../../domain';

/**
 * Hot paths read with plain SQL and map rows here: MikroORM's query building and hydration cost
 * several times the query itself (measured by the benchmarks: ~1 ms CPU per findOne against
 * ~0.1 ms for the raw statement).
 */
export type Row = Record<string, unknown>;

const date = (value: unknown): Date => (value instanceof Date ? value : new Date(value as string));
const dateOrNull = (value: unknown): Date | null => (value == null ? null : date(value));
const intOrNull = (value: unknown): number | null => (value == null ? null : Number(value));

export function conversationFromRow(row: Row): Conversation {
  return Conversation.restore({
    ownerId: row.owner_id as string,
    id: row.id as string,
    title: (row.title as string | null) ?? null,
    model: (row.model as string | null) ?? null,
    systemPrompt: (row.system_prompt as string | null) ?? null,
    currentLeafId: (row.current_leaf_id as string | null) ?? null,
    messageCount: Number(row.message_count),
    lastSeq: Number(row.last_seq),
    version: Number(row.version),
    metadata: (row.metadata as Record<string, unknown>) ?? {},
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
    deletedAt: dateOrNull(row.deleted_at),
  });
}

export function messageFromRow(row: Row): Message {
  return Message.restore({
    id: row.id as string,
    conversationId: row.conversation_id as string,
    ownerId: row.owner_id as string,
    seq: Number(row.seq),
    parentId: (row.parent_id as string | null) ?? null,
    role: row.role as MessageRole,
    content: row.content as string,
    status: row.status as MessageStatus,
    clientMessageId: (row.client_message_id as string | null) ?? null,
    turnId: row.turn_id as string,
    model: (row.model as string | null) ?? null,
    stopReason: (row.stop_reason as string | null) ?? null,
    inputTokens: intOrNull(row.input_tokens),
    outputTokens: intOrNull(row.output_tokens),
    latencyMs: intOrNull(row.latency_ms),
    timeToFirstTokenMs: intOrNull(row.time_to_first_token_ms),
    error: (row.error as MessageError | null) ?? null,
    metadata: (row.metadata as Record<string, unknown>) ?? {},
    heartbeatAt: dateOrNull(row.heartbeat_at),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  });
}

const json = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

/** Every message column with how to read its value from a message: inserts and updates share it. */
const COLUMNS: [column: string, value: (m: MessageProps) => unknown][] = [
  ['id', (m) => m.id],
  ['conversation_id', (m) => m.conversationId],
  ['owner_id', (m) => m.ownerId],
  ['seq', (m) => m.seq],
  ['parent_id', (m) => m.parentId],
  ['role', (m) => m.role],
  ['content', (m) => m.content],
  ['status', (m) => m.status],
  ['client_message_id', (m) => m.clientMessageId],
  ['turn_id', (m) => m.turnId],
  ['model', (m) => m.model],
  ['stop_reason', (m) => m.stopReason],
  ['input_tokens', (m) => m.inputTokens],
  ['output_tokens', (m) => m.outputTokens],
  ['latency_ms', (m) => m.latencyMs],
  ['time_to_first_token_ms', (m) => m.timeToFirstTokenMs],
  ['error', (m) => json(m.error)],
  ['metadata', (m) => json(m.metadata)],
  ['heartbeat_at', (m) => m.heartbeatAt],
  ['created_at', (m) => m.createdAt],
  ['updated_at', (m) => m.updatedAt],
];

/** What an answer changes while it runs and when it ends; the rest of a message never changes. */
const ANSWER_COLUMNS = COLUMNS.filter(([column]) =>
  [
    'content',
    'status',
    'model',
    'stop_reason',
    'input_tokens',
    'output_tokens',
    'latency_ms',
    'time_to_first_token_ms',
    'error',
    'metadata',
    'heartbeat_at',
    'updated_at',
  ].includes(column),
);

/** The message columns, in the order of every statement that lists them. */
export const MESSAGE_COLUMN_NAMES: readonly string[] = COLUMNS.map(([column]) => column);

export const MESSAGE_COLUMNS = MESSAGE_COLUMN_NAMES.join(', ');

/** `?, ?, ...`: one placeholder per message column. */
export const PLACEHOLDERS = COLUMNS.map(() => '?').join(', ');

/** Values of one message row in MESSAGE_COLUMNS order (json columns serialised). */
export function messageValues(message: Message): unknown[] {
  const m = message.toJSON();
  return COLUMNS.map(([, value]) => value(m));
}

/** One message as a JSON record keyed by column (json columns as values): for jsonb_populate_recordset. */
export function messageRecord(message: Message): Row {
  const m = message.toJSON();
  const record: Row = {};
  for (const [column, value] of COLUMNS) record[column] = value(m);
  record.error = m.error;
  record.metadata = m.metadata;
  return record;
}

/** The SET clause and its values for an answer's changing columns. */
export function answerChanges(message: Message): { set: string; values: unknown[] } {
  const m = message.toJSON();
  return {
    set: ANSWER_COLUMNS.map(([column]) => `${column} = ?`).join(', '),
    values: ANSWER_COLUMNS.map(([, value]) => value(m)),
  };
}
