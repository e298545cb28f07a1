import { StartTurnInput } from '../../application/ports/turn.repository';
import { Message } from '../../domain';
import { MESSAGE_COLUMN_NAMES, MESSAGE_COLUMNS, messageFromRow, messageRecord, Row } from './rows';
import { Sql } from './pg-sql';
import { isUuid } from './turn.sql';
import { TurnPlacement, turnMessages } from './turn-messages';

// Every message column from the JSON records, but for the three only known under the row lock.
const INSERTED_VALUES = MESSAGE_COLUMN_NAMES.map((column) => {
  if (column === 'seq') return 'turn.last_seq + r.seq';
  if (column === 'parent_id')
    return `case when r.role = 'user' then turn.parent_id else r.parent_id end`;
  if (column === 'model') return `case when r.role = 'assistant' then turn.chosen_model end`;
  return `r.${column}`;
}).join(', ');

// One message as a JSON object keyed by column, as messageFromRow reads a row.
const MESSAGE_AS_JSON = `json_build_object(${MESSAGE_COLUMN_NAMES.map(
  (column) => `'${column}', m.${column}`,
).join(', ')})`;

/*
 * The whole turn start as one statement (one round trip, atomic without begin/commit): lock the
 * conversation row (or create it), apply the model choice and the parent rule, insert both
 * messages and move the conversation on. The lock serialises writers of one conversation as the
 * transaction of the general path does: FOR UPDATE waits for a concurrent turn and then reads
 * its committed row, and the UPDATE follows that same newest row.
 *
 * It also reads the conversation's messages for the model's context, saving the round trip of a
 * separate read before the model call. They come from the statement's snapshot, taken before the
 * lock: when a concurrent turn committed in between (the locked row's version is not the one the
 * snapshot saw), `turn_history_complete` is false and the caller reads them again. Every change to
 * a conversation's messages moves its version on (turns, regenerations, deleted branches).
 *
 * $1 owner, $2 conversation, $3 create if missing, $4 title for an untitled conversation, $5 now,
 * $6 the assistant message (the new leaf), $7 after the current leaf, $8 else this parent (null:
 * a new root), $9 requested model, $10 fallback model, $11 allowed models, $12 the two messages.
 */
export const START_TURN_SQL = `
with existing as (
  select owner_id, id, current_leaf_id, last_seq, model, version from conversations
  where owner_id = $1 and id = $2 and deleted_at is null
  for update
), seen as (
  select version from conversations where owner_id = $1 and id = $2 and deleted_at is null
), history as (
  select coalesce(json_agg(${MESSAGE_AS_JSON} order by m.seq), '[]') as messages
  from messages m where m.owner_id = $1 and m.conversation_id = $2
), created as (
  insert into conversations (owner_id, id, title, current_leaf_id, message_count, last_seq, version, created_at, updated_at)
  select $1, $2, $4, $6::uuid, 2, 2, 2, $5, $5
  where $3 and not exists (select 1 from existing) and ($7 or $8::uuid is null)
    and coalesce($9, $10) = any($11::text[])
  on conflict do nothing
  returning *
), base as (
  select owner_id, id, current_leaf_id, last_seq, nullif(model, '') as model, version from existing
  union all
  select owner_id, id, null::uuid, 0, null::text, null::int from created
), turn as (
  select base.owner_id, base.id, base.last_seq, base.version, coalesce($9, base.model, $10) as chosen_model,
    case when $7 then base.current_leaf_id else $8::uuid end as parent_id
  from base
  where coalesce($9, base.model, $10) = any($11::text[])
    and ($7 or $8::uuid is null or exists (
      select 1 from messages m where m.owner_id = $1 and m.conversation_id = $2 and m.id = $8::uuid))
), updated as (
  update conversations c set last_seq = turn.last_seq + 2, message_count = c.message_count + 2,
    current_leaf_id = $6::uuid, title = coalesce(c.title, $4), updated_at = $5, version = c.version + 1
  from turn where c.owner_id = turn.owner_id and c.id = turn.id
  returning c.*
), inserted as (
  insert into messages (${MESSAGE_COLUMNS})
  select ${INSERTED_VALUES}
  from turn, jsonb_populate_recordset(null::messages, $12::jsonb) r
)
select c.*, turn.last_seq as turn_previous_seq, turn.parent_id as turn_parent_id,
  turn.chosen_model as turn_model,
  turn.version is not distinct from (select version from seen) as turn_history_complete,
  (select messages from history) as turn_history
from turn, (select * from updated union all select * from created) c`;

/**
 * Starts a turn in one statement. Resolves with the conversation's new row and the placement, or
 * null when the statement wrote nothing: a missing or deleted conversation, a model not allowed,
 * an unknown parent, or a conversation created concurrently. The caller then takes the general
 * path, which tells these apart (and succeeds in the last case).
 */
export async function startTurnInOneStatement(
  db: Sql,
  input: StartTurnInput,
): Promise<{ row: Row; placement: TurnPlacement; history?: Message[] } | null> {
  const followLeaf = input.parentId === undefined;
  const parentId = input.parentId ?? null;
  if (parentId !== null && !isUuid(parentId)) return null;
  // Seq 1 and 2 are offsets from the last seq; seq, parent and model are set under the lock.
  const { userMessage, assistantMessage } = turnMessages(input, {
    previousSeq: 0,
    parentId: null,
    model: input.model.fallback,
  });
  const [row] = await db.query(START_TURN_SQL, [
    input.ownerId,
    input.conversationId,
    input.createIfMissing,
    input.autoTitle,
    input.now,
    assistantMessage.id,
    followLeaf,
    parentId,
    input.model.requested,
    input.model.fallback,
    input.model.allowed,
    JSON.stringify([messageRecord(userMessage), messageRecord(assistantMessage)]),
  ]);
  if (!row) return null;
  return {
    row,
    placement: {
      previousSeq: Number(row.turn_previous_seq),
      parentId: (row.turn_parent_id as string | null) ?? null,
      model: row.turn_model as string,
    },
    history: row.turn_history_complete === true ? historyOf(row.turn_history) : undefined,
  };
}

/** The messages the statement read, as JSON records (text when no json parser is set). */
function historyOf(value: unknown): Message[] {
  const records = (typeof value === 'string' ? JSON.parse(value) : value) as Row[];
  return records.map(messageFromRow);
}
