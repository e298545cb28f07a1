'use strict';
// The bare baseline: node:http + pg, no framework, no validation library, no ORM, no logging.
// Its own plain SQL does the work the service does per request on the benchmarked routes:
//
//   POST /api/v1/conversations/:id/messages  (a turn with an instant model, JSON answer)
//     one transaction: lock the conversation row, insert both messages, move the conversation
//     on; after the commit, read the conversation's messages for the context sent to the model;
//     (the model answers); update assistant -> complete
//   GET /api/v1/conversations?limit=50      list page + count (in parallel, as the service)
//   GET /api/v1/conversations/:id           select conversation, its messages (with the leaf) and
//                                           its summaries at once, made into the API's JSON here; settle stale
//                                           turns (update) only when one is unfinished, as the service
//
// Env: DATABASE_URL, PORT, HOST (127.0.0.1), DATABASE_POOL_MAX (20), STREAM_LEASE_MS (15000).
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { URL } = require('node:url');
const { Pool } = require('pg');
const { collectAnswer, startCheckpoints, streamTurn } = require('./baseline-streaming');
// The service's checkpoint: the text each streaming answer added, appended where the row holds
// the bytes it follows; $1 is the JSON array of {id, stored_bytes, text}.
const CHECKPOINT_SQL = `update messages m
  set content = case when v.text is null then m.content
                     when v.stored_bytes < 0 then v.text
                     else m.content || v.text end,
      heartbeat_at = now()
  from jsonb_to_recordset($1::jsonb) as v(id uuid, stored_bytes int, text text)
  where m.id = v.id and m.status = 'streaming'
    and (v.text is null or v.stored_bytes < 0 or octet_length(m.content) = v.stored_bytes)
  returning m.id`;

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_MAX || 20),
});
const leaseMs = Number(process.env.STREAM_LEASE_MS || 15000);
/** BEDROCK_ENDPOINT_URL: the emulator, for the JSON and streaming turns of targets 2 and 3. */
const bedrockEndpoint = process.env.BEDROCK_ENDPOINT_URL;
startCheckpoints(pool, Number(process.env.STREAM_CHECKPOINT_MS || 1000), CHECKPOINT_SQL);
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const INTERRUPTED = JSON.stringify({
  code: 'interrupted',
  message: 'The server producing this answer stopped before it finished; the text so far is kept',
  retryable: true,
});
const MESSAGE_COLUMNS =
  'id, conversation_id, owner_id, seq, parent_id, role, content, status, client_message_id, turn_id, model, stop_reason, input_tokens, output_tokens, latency_ms, time_to_first_token_ms, error, metadata, heartbeat_at, created_at, updated_at';

const iso = (value) => (value instanceof Date ? value.toISOString() : value);

function conversationJson(row) {
  return {
    id: row.id,
    title: row.title,
    model: row.model,
    systemPrompt: row.system_prompt,
    messageCount: row.message_count,
    metadata: row.metadata,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

function messageJson(row) {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    parentId: row.parent_id,
    role: row.role,
    content: row.content,
    status: row.status,
    clientMessageId: row.client_message_id,
    turnId: row.turn_id,
    model: row.model,
    stopReason: row.stop_reason,
    usage: {
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      costUsd: row.cost_usd === null ? null : Number(row.cost_usd),
    },
    latencyMs: row.latency_ms,
    timeToFirstTokenMs: row.time_to_first_token_ms,
    error: row.error,
    metadata: row.metadata,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** The newest summary that covers a message of the branch (summaries come oldest first). */
function summaryJson(branch, summaries) {
  const onBranch = new Set(branch.map((row) => row.id));
  const applied = summaries.filter((s) => onBranch.has(s.covers_until_message_id)).pop();
  return applied
    ? {
        text: applied.content,
        coversUntilMessageId: applied.covers_until_message_id,
        createdAt: iso(applied.created_at),
      }
    : null;
}

function activeBranch(rows, leafId) {
  if (rows.length === 0) return [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  let node = (leafId && byId.get(leafId)) || rows[rows.length - 1];
  const branch = [];
  const seen = new Set();
  while (node && !seen.has(node.id)) {
    seen.add(node.id);
    branch.push(node);
    node = node.parent_id ? byId.get(node.parent_id) : undefined;
  }
  return branch.reverse();
}

const estimateTokens = (text) => Math.max(1, Math.ceil(text.length / 4));

function send(res, status, value) {
  sendJsonText(res, status, JSON.stringify(value));
}

function sendJsonText(res, status, body) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function findConversation(ownerId, id) {
  const { rows } = await pool.query(
    'select c0.* from conversations as c0 where c0.owner_id = $1 and c0.id = $2 and c0.deleted_at is null limit 1',
    [ownerId, id],
  );
  return rows[0];
}

async function turn(req, res, ownerId, conversationId) {
  const body = JSON.parse(await readBody(req));
  const content = body.content;
  if (typeof content !== 'string' || !content.trim()) {
    return send(res, 400, { error: { code: 'empty_message' } });
  }
  const startedAt = Date.now();
  const started = await startTurn(ownerId, conversationId, content);
  if (!started) return send(res, 404, { error: { code: 'conversation_not_found' } });
  if (bedrockEndpoint) {
    if ((req.headers.accept || '').includes('text/event-stream')) {
      return streamFromEmulator(res, started, startedAt);
    }
    return answerWithEmulator(res, started, startedAt);
  }
  return answerWithMock(res, started, startedAt);
}

/** A message row as the service's turn start stores it. */
function messageRecord(ids, now, fields) {
  return {
    ...fields,
    conversation_id: ids.conversationId,
    owner_id: ids.ownerId,
    client_message_id: null,
    turn_id: ids.turnId,
    stop_reason: null,
    input_tokens: null,
    output_tokens: null,
    latency_ms: null,
    time_to_first_token_ms: null,
    error: null,
    metadata: {},
    created_at: now,
    updated_at: now,
  };
}

const INSERT_COLUMNS = MESSAGE_COLUMNS.split(', ');
const INSERT_TWO = `insert into messages (${MESSAGE_COLUMNS}) values (${INSERT_COLUMNS.map(
  (_, i) => `$${i + 1}`,
).join(', ')}), (${INSERT_COLUMNS.map((_, i) => `$${i + 1 + INSERT_COLUMNS.length}`).join(', ')})`;
const valuesOf = (row) =>
  INSERT_COLUMNS.map((column) =>
    (column === 'metadata' || column === 'error') && row[column] !== null
      ? JSON.stringify(row[column])
      : row[column],
  );

/** The turn's rows under the conversation's lock, then the messages for its context. */
async function startTurn(ownerId, conversationId, content) {
  const now = new Date();
  const ids = { ownerId, conversationId, turnId: randomUUID() };
  const client = await pool.connect();
  let conversation;
  let user;
  let assistant;
  try {
    await client.query('begin');
    const locked = await client.query(
      'select * from conversations where owner_id = $1 and id = $2 and deleted_at is null for update',
      [ownerId, conversationId],
    );
    if (!locked.rows[0]) {
      await client.query('rollback');
      return undefined;
    }
    const row = locked.rows[0];
    const model = row.model || MODEL;
    user = messageRecord(ids, now, {
      id: randomUUID(),
      seq: row.last_seq + 1,
      parent_id: row.current_leaf_id,
      role: 'user',
      content,
      status: 'complete',
      model: null,
      heartbeat_at: null,
    });
    assistant = messageRecord(ids, now, {
      id: randomUUID(),
      seq: row.last_seq + 2,
      parent_id: user.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
      model,
      heartbeat_at: now,
    });
    await client.query(INSERT_TWO, [...valuesOf(user), ...valuesOf(assistant)]);
    const updated = await client.query(
      `update conversations set last_seq = $1, message_count = message_count + 2, current_leaf_id = $2,
         title = coalesce(title, $3), updated_at = $4, version = version + 1
       where owner_id = $5 and id = $6 returning *`,
      [row.last_seq + 2, assistant.id, content.slice(0, 80), now, ownerId, conversationId],
    );
    conversation = updated.rows[0];
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  // The context sent to the model: the active branch up to the new user message.
  const history = await conversationMessages(ownerId, conversationId);
  const context = activeBranch(history.rows, user.id);
  return {
    ownerId,
    conversationId,
    content,
    conversation,
    user,
    assistant,
    context,
    turnId: ids.turnId,
  };
}

/** Every message of a conversation with its current leaf, in seq order. */
function conversationMessages(ownerId, conversationId) {
  return pool.query(
    `select ${MESSAGE_COLUMNS}, (select current_leaf_id from conversations c where c.owner_id = m.owner_id and c.id = m.conversation_id) as leaf
     from messages m where owner_id = $1 and conversation_id = $2 order by seq`,
    [ownerId, conversationId],
  );
}

/** SSE from the emulator (target 3), stored complete at the end. */
function streamFromEmulator(res, started, startedAt) {
  const { ownerId, conversationId, user, assistant, context, turnId } = started;
  const messages = context.map((m) => ({ role: m.role, content: [{ text: m.content }] }));
  const turnInfo = {
    conversationId,
    userMessage: messageJson(user),
    assistantId: assistant.id,
    turnId,
  };
  streamTurn(res, bedrockEndpoint, turnInfo, messages, async (text, usage) => {
    const doneAt = await storeComplete(ownerId, assistant.id, {
      inputTokens: usage.inputTokens ?? null,
      outputTokens: usage.outputTokens ?? null,
      latencyMs: Date.now() - startedAt,
      text,
    });
    return messageJson({ ...assistant, content: text, status: 'complete', updated_at: doneAt });
  });
}

/** The assistant row completed, as the service stores it; returns its update time. */
async function storeComplete(ownerId, assistantId, { inputTokens, outputTokens, latencyMs, text }) {
  const doneAt = new Date();
  await pool.query(
    `update messages set model = $1, stop_reason = 'end', input_tokens = $2, output_tokens = $3, latency_ms = $4,
       time_to_first_token_ms = $4, error = null, metadata = '{"rawStopReason":"end_turn"}', heartbeat_at = null,
       content = $5, status = 'complete', updated_at = $6
     where id = $7 and owner_id = $8 and status in ('pending', 'streaming')`,
    [MODEL, inputTokens, outputTokens, latencyMs, text, doneAt, assistantId, ownerId],
  );
  return doneAt;
}

/** The JSON turn with an instant mock answer (target 1). */
async function answerWithMock(res, started, startedAt) {
  const { content, context } = started;
  const users = context.filter((m) => m.role === 'user').length;
  const shown = content.length > 200 ? `…${content.slice(-200)}` : content;
  const text = `[mock reply] You said: "${shown}". This is the offline mock provider (turn ${users}, ${context.length} messages of context).`;
  const inputTokens = estimateTokens(context.map((m) => m.content).join('\n'));
  await answerJson(res, started, startedAt, text, {
    inputTokens,
    outputTokens: estimateTokens(text),
  });
}

/** The JSON turn answered by the emulator (target 2): one ConverseStream call, collected. */
async function answerWithEmulator(res, started, startedAt) {
  const messages = started.context.map((m) => ({ role: m.role, content: [{ text: m.content }] }));
  const { text, usage } = await collectAnswer(bedrockEndpoint, messages);
  await answerJson(res, started, startedAt, text, usage);
}

/** Stores the complete answer and sends the stored turn (201). */
async function answerJson(res, started, startedAt, text, { inputTokens, outputTokens }) {
  const { ownerId, conversation, user, assistant } = started;
  const doneAt = await storeComplete(ownerId, assistant.id, {
    inputTokens: inputTokens ?? null,
    outputTokens: outputTokens ?? null,
    latencyMs: Date.now() - startedAt,
    text,
  });
  send(res, 201, {
    conversation: conversationJson(conversation),
    userMessage: messageJson(user),
    assistantMessage: messageJson({
      ...assistant,
      content: text,
      status: 'complete',
      stop_reason: 'end',
      input_tokens: inputTokens ?? null,
      output_tokens: outputTokens ?? null,
      metadata: { rawStopReason: 'end_turn' },
      updated_at: doneAt,
    }),
    replayed: false,
  });
}

async function list(res, ownerId, url) {
  const limit = Math.min(100, Number(url.searchParams.get('limit') || 50));
  const offset = Number(url.searchParams.get('offset') || 0);
  const [page, count] = await Promise.all([
    pool.query(
      'select c0.* from conversations as c0 where c0.owner_id = $1 and c0.deleted_at is null order by c0.updated_at desc, c0.id desc limit $2 offset $3',
      [ownerId, limit + 1, offset],
    ),
    pool.query(
      'select count(*) as count from conversations as c0 where c0.owner_id = $1 and c0.deleted_at is null',
      [ownerId],
    ),
  ]);
  const items = page.rows.slice(0, limit).map(conversationJson);
  send(res, 200, {
    items,
    total: Number(count.rows[0].count),
    limit,
    offset,
    nextCursor: page.rows.length > limit ? 'more' : null,
  });
}

async function read(res, ownerId, conversationId) {
  // The three reads at once, as the service: the conversation, its messages, its summaries.
  const [conversation, messages, summaries] = await Promise.all([
    findConversation(ownerId, conversationId),
    conversationMessages(ownerId, conversationId),
    pool.query(
      'select * from conversation_summaries where owner_id = $1 and conversation_id = $2 order by created_at',
      [ownerId, conversationId],
    ),
  ]);
  if (!conversation) return send(res, 404, { error: { code: 'conversation_not_found' } });
  let { rows } = messages;
  if (rows.some((row) => row.status === 'pending' || row.status === 'streaming')) {
    const settled = await pool.query(
      `update messages set status = 'failed', error = $1::jsonb, heartbeat_at = null, updated_at = now()
       where status in ('pending', 'streaming') and coalesce(heartbeat_at, updated_at) < now() - ($2 * interval '1 millisecond')
       and owner_id = $3 and conversation_id = $4 returning id`,
      [INTERRUPTED, leaseMs, ownerId, conversationId],
    );
    if (settled.rowCount > 0) rows = (await conversationMessages(ownerId, conversationId)).rows;
  }
  const branch = activeBranch(rows, rows.length ? rows[0].leaf : null);
  send(res, 200, {
    ...conversationJson(conversation),
    messages: branch.map(messageJson),
    summary: summaryJson(branch, summaries.rows),
  });
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const parts = [];
    req.on('data', (part) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

const TURN = /^\/api\/v1\/conversations\/([^/]+)\/messages$/;
const ONE = /^\/api\/v1\/conversations\/([^/]+)$/;

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const ownerId = req.headers['x-user-id'] || 'anonymous';
  let work;
  let match;
  if (url.pathname === '/health') work = Promise.resolve(send(res, 200, { status: 'ok' }));
  else if (req.method === 'POST' && (match = TURN.exec(url.pathname))) {
    work = turn(req, res, ownerId, decodeURIComponent(match[1]));
  } else if (req.method === 'GET' && url.pathname === '/api/v1/conversations') {
    work = list(res, ownerId, url);
  } else if (req.method === 'GET' && (match = ONE.exec(url.pathname))) {
    work = read(res, ownerId, decodeURIComponent(match[1]));
  } else work = Promise.resolve(send(res, 404, { error: { code: 'not_found' } }));
  work.catch((error) => {
    if (!res.headersSent)
      send(res, 500, { error: { code: 'internal_error', message: error.message } });
    else res.destroy();
  });
});
server.keepAliveTimeout = 65000;

server.listen(Number(process.env.PORT || 3100), process.env.HOST || '127.0.0.1');

const shutdown = () => server.close(() => pool.end().finally(() => process.exit(0)));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
