import { EntityManager } from '@mikro-orm/postgresql';
import type { TurnCheckpoint } from '../../application/ports/turn.repository';

/*
 * The two set operations of the lease, in plain SQL through MikroORM's connection: each writes
 * many rows in one statement, and decides staleness by the database clock, so replicas with
 * skewed clocks agree.
 */

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
 * Heartbeats of every streaming turn of this process with the text added since the last
 * checkpoint, appended only where the row holds the bytes it follows. One row PostgreSQL refuses
 * (a data error) must not cost the others their heartbeat: the batch is then written row by row,
 * and the refused row is left out of the answer (its turn sends its whole text next time).
 */
export async function checkpointTurns(
  em: EntityManager,
  entries: TurnCheckpoint[],
): Promise<string[]> {
  if (entries.length === 0) return [];
  try {
    return await writeCheckpoints(em, entries);
  } catch (error) {
    if (entries.length === 1 || !isDataError(error)) throw error;
    const written: string[] = [];
    for (const entry of entries) {
      written.push(...(await writeCheckpoints(em, [entry]).catch(rethrowUnlessDataError)));
    }
    return written;
  }
}

async function writeCheckpoints(em: EntityManager, entries: TurnCheckpoint[]): Promise<string[]> {
  const rows = await em
    .getConnection()
    .execute<{ id: string }[]>(CHECKPOINT_SQL, [
      JSON.stringify(entries.map((e) => ({ id: e.id, stored_bytes: e.storedBytes, text: e.text }))),
    ]);
  return rows.map((row) => row.id);
}

/** SQLSTATE class 22 (data exception): the statement's values, not the database, were at fault. */
function isDataError(error: unknown): boolean {
  const state = (error as { sqlState?: string; code?: string } | null | undefined) ?? {};
  return /^22/.test(String(state.sqlState ?? state.code ?? ''));
}

function rethrowUnlessDataError(error: unknown): string[] {
  if (isDataError(error)) return [];
  throw error;
}

/**
 * Settles turns whose process died (no heartbeat within the lease) as failed `interrupted`,
 * except `alive`: the turns the calling process runs itself, whatever their heartbeat says.
 */
export async function settleStaleTurns(
  em: EntityManager,
  leaseMs: number,
  scope?: { ownerId: string; conversationId?: string },
  alive: readonly string[] = [],
): Promise<number> {
  const filters: string[] = [];
  const params: unknown[] = [INTERRUPTED, leaseMs];
  if (alive.length > 0) {
    filters.push('and id not in (select jsonb_array_elements_text(?::jsonb)::uuid)');
    params.push(JSON.stringify(alive));
  }
  if (scope) {
    filters.push('and owner_id = ?');
    params.push(scope.ownerId);
    if (scope.conversationId) {
      filters.push('and conversation_id = ?');
      params.push(scope.conversationId);
    }
  }
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `update messages set status = 'failed', error = ?::jsonb, heartbeat_at = null, updated_at = now()
     where status in ('pending', 'streaming') and coalesce(heartbeat_at, updated_at) < now() - (? * interval '1 millisecond')
     ${filters.join(' ')} returning id`,
    params,
  );
  return rows.length;
}
