import { RenderedMessage, RenderedMessages } from '../../application/ports/conversation.repository';
import { Row } from './rows';

// Date#toISOString's form (milliseconds, UTC), as the presenters write every other timestamp.
const iso = (column: string) =>
  `to_char(m.${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One message as the API shows it: presentMessage's keys in its order (a test holds the two
 * together). PostgreSQL escapes the text; json columns go out as stored.
 */
const MESSAGE_AS_API_JSON = `json_build_object(
  'id', m.id, 'conversationId', m.conversation_id, 'seq', m.seq, 'parentId', m.parent_id,
  'role', m.role, 'content', m.content, 'status', m.status, 'clientMessageId', m.client_message_id,
  'turnId', m.turn_id, 'model', m.model, 'stopReason', m.stop_reason,
  'usage', json_build_object('inputTokens', m.input_tokens, 'outputTokens', m.output_tokens),
  'latencyMs', m.latency_ms, 'timeToFirstTokenMs', m.time_to_first_token_ms,
  'error', m.error, 'metadata', m.metadata, 'createdAt', ${iso('created_at')}, 'updatedAt', ${iso('updated_at')}
)`;

/**
 * Every message of a conversation in seq order, one row each (small strings: a single aggregated
 * string would be a large heap object per read, and old-generation garbage at that), with the
 * current leaf read in the same snapshot, so the branch walked is one these rows hold.
 * Parameters: owner, conversation, owner, conversation.
 */
export const RENDERED_MESSAGES_SQL = `
select m.id, m.parent_id, m.status in ('pending', 'streaming') as unfinished,
       ${MESSAGE_AS_API_JSON}::text as json,
       (select c.current_leaf_id from conversations c where c.owner_id = ? and c.id = ?) as leaf
from messages m where m.owner_id = ? and m.conversation_id = ? order by m.seq`;

/** The rows of RENDERED_MESSAGES_SQL as the repository port gives them. */
export function renderedMessagesFromRows(rows: Row[]): RenderedMessages {
  let unfinished = false;
  const messages: RenderedMessage[] = rows.map((row) => {
    if (row.unfinished === true) unfinished = true;
    return {
      id: row.id as string,
      parentId: (row.parent_id as string | null) ?? null,
      json: row.json as string,
    };
  });
  return { messages, unfinished, leafId: (rows[0]?.leaf as string | null | undefined) ?? null };
}
