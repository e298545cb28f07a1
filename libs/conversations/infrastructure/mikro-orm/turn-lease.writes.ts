import { Sql } from './pg-sql';

const INTERRUPTED = JSON.stringify({
  code: 'interrupted',
  message: 'The server producing this answer stopped before it finished; the text so far is kept',
  retryable: true,
});

/** Crash safety: heartbeats with partial text, and settling turns whose process died. */
export async function checkpointTurns(
  db: Sql,
  entries: { id: string; content: string | null }[],
): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `update messages m set content = coalesce(v.content, m.content), heartbeat_at = now()
     from jsonb_to_recordset(?::jsonb) as v(id uuid, content text)
     where m.id = v.id and m.status = 'streaming'`,
    [JSON.stringify(entries)],
  );
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
