import { TurnPage, UsageRow } from '../../application/ports/turn.repository';
import { Sql } from './pg-sql';
import { MESSAGE_COLUMN_NAMES, MESSAGE_COLUMNS, messageFromRow, Row } from './rows';

/** The message columns of the questions (`u`) a turn listing selects. */
const QUESTION_COLUMNS = MESSAGE_COLUMN_NAMES.map((column) => `u.${column}`).join(', ');

/** History reads: turns (a question and its newest answer) and usage per day. */
export async function listTurns(
  db: Sql,
  query: {
    ownerId: string;
    conversationId?: string;
    messageRef?: string;
    limit: number;
    offset: number;
  },
): Promise<TurnPage> {
  const where = ['u.owner_id = ?', "u.role = 'user'", 'c.deleted_at is null'];
  const params: unknown[] = [query.ownerId];
  if (query.conversationId) {
    where.push('u.conversation_id = ?');
    params.push(query.conversationId);
  }
  if (query.messageRef) {
    where.push('(u.client_message_id = ? or u.id::text = ?)');
    params.push(query.messageRef, query.messageRef);
  }
  const from = `from messages u join conversations c on c.owner_id = u.owner_id and c.id = u.conversation_id where ${where.join(' and ')}`;
  const [users, [{ total }]] = await Promise.all([
    db.query<Row>(
      `select ${QUESTION_COLUMNS} ${from} order by u.created_at desc, u.seq desc limit ? offset ?`,
      [...params, query.limit, query.offset],
    ),
    db.query<{ total: string }>(`select count(*) as total ${from}`, params),
  ]);
  const userMessages = users.map(messageFromRow);
  const turnIds = userMessages.map((m) => m.toJSON().turnId);
  const answers = turnIds.length
    ? (
        await db.query<Row>(
          `select ${MESSAGE_COLUMNS} from messages where owner_id = ? and turn_id = any(?::uuid[]) and role = 'assistant' order by seq`,
          [query.ownerId, `{${turnIds.join(',')}}`],
        )
      ).map(messageFromRow)
    : [];
  const answerByTurn = new Map(answers.map((a) => [a.toJSON().turnId, a]));
  return {
    total: Number(total),
    items: userMessages.map((userMessage) => ({
      conversationId: userMessage.toJSON().conversationId,
      userMessage,
      assistantMessage: answerByTurn.get(userMessage.toJSON().turnId) ?? null,
    })),
  };
}

export async function usageByDay(
  db: Sql,
  ownerId: string,
  from: Date,
  to: Date,
): Promise<UsageRow[]> {
  const rows = await db.query<{
    day: string;
    model: string;
    answers: number;
    input_tokens: number;
    output_tokens: number;
  }>(
    `select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day, coalesce(model, 'unknown') as model,
       count(*)::int as answers, coalesce(sum(input_tokens), 0)::int as input_tokens, coalesce(sum(output_tokens), 0)::int as output_tokens
     from messages where owner_id = ? and role = 'assistant' and created_at >= ? and created_at < ?
     group by 1, 2 order by 1, 2`,
    [ownerId, from, to],
  );
  return rows.map((r) => ({
    day: r.day,
    model: r.model,
    answers: r.answers,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
  }));
}
