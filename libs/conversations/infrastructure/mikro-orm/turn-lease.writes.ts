import type { TurnCheckpoint } from '../../application/ports/turn.repository';
import { Sql } from './pg-sql';

const INTERRUPTED = JSON.stringify({
  code: 'interrupted',
  message: 'The server producing this answer stopped before it finished; the text so far is kept',
  retryable: true,
});

/** Parameter: a JSON array of {id, stored_bytes, text}. Returns the ids of the rows written. */
export const CHECKPOINT_SQL = `update messages m
  set content = case when v.text is null then m.content
                     when v.stored_bytes < 0 then v.text
                     else m.content || v.text end,
      heartbeat_at = now()
  from jsonb_to_recordset(?::jsonb) as v(id uuid, stored_bytes int, text text)
  where m.id = v.id and m.status = 'streaming'
    and (v.text is null or v.stored_bytes < 0 or octet_length(m.content) = v.stored_bytes)
  returning m.id`;

/**
 * Crash safety: heartbeats with the text added since the last checkpoint (appended only where
 * the row holds the bytes it follows), and settling turns whose process died.
 */
export async function checkpointTurns(db: Sql, entries: TurnCheckpoint[]): Promise<string[]> {
  if (entries.length === 0) return [];
  const rows = await db.query<{ id: string }>(CHECKPOINT_SQL, [
    JSON.stringify(entries.map((e) => ({ id: e.id, stored_bytes: e.storedBytes, text: e.text }))),
  ]);
  return rows.map((row) => row.id);
}

export async function settleStaleTurns(
  db: Sql,
  leaseMs: number,
  scope?: { ownerId: string; conversationId?: string },
): Promise<number> {
  const filters: string[] = [];
  const params: unknown[] = [INTERRUPTED, leaseMs];
  if (scope) {
    filters.push('and owner_id = ?');
    params.push(scope.ownerId);
    if (scope.conversationId) {
      filters.push('and conversation_id = ?');
      params.push(scope.conversationId);
    }
  }
  // The database clock decides staleness, so replicas with skewed clocks agree.
  const rows = await db.query<{ id: string }>(
    `update messages set status = 'failed', error = ?::jsonb, heartbeat_at = null, updated_at = now()
     where status in ('pending', 'streaming') and coalesce(heartbeat_at, updated_at) < now() - (? * interval '1 millisecond')
     ${filters.join(' ')} returning id`,
    params,
  );
  return rows.length;
}
