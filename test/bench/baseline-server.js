'use strict';
// The bare baseline: node:http + pg, no framework, no validation library, no ORM, no logging.
// It runs the same SQL statements per request as the service does for the benchmarked routes
// (read from the service's statement log, see the README's Performance section):
//
//   POST /api/v1/conversations/:id/messages  (a turn with an instant model, JSON answer)
//     the turn start (lock, both messages, conversation row and the conversation's messages for
//     the context sent to the model: the service's one statement; a separate read of the messages
//     only when a concurrent turn slipped in, as the service)
//     (the model answers); update assistant -> complete
//   GET /api/v1/conversations?limit=50      list page + count (in parallel, as the service)
//   GET /api/v1/conversations/:id           select conversation; select the messages rendered as
//                                           JSON; settle stale turns (update) only when one is
//                                           unfinished, as the service
//
// Env: DATABASE_URL, PORT, HOST (127.0.0.1), DATABASE_POOL_MAX (20), STREAM_LEASE_MS (15000),
// BENCH_APP_DIR (the build whose statements it runs).
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { URL } = require('node:url');
const { Pool } = require('pg');
const { join } = require('node:path');
const { collectAnswer, startCheckpoints, streamTurn } = require('./baseline-streaming');
// The service's own statements, from the build under test: the turn start (one round trip) and
// the conversation read's messages (rendered by PostgreSQL; `?` placeholders, as the service's).
const BUILD = join(
  process.env.BENCH_APP_DIR || join(__dirname, '..', '..'),
  'dist/libs/conversations',
);
const { START_TURN_SQL } = require(join(BUILD, 'infrastructure/mikro-orm/start-turn.statement.js'));
let placeholder = 0;
const RENDERED_MESSAGES_SQL = require(
  join(BUILD, 'infrastructure/mikro-orm/rendered-messages.reads.js'),
).RENDERED_MESSAGES_SQL.replace(/\?/g, () => `$${(placeholder += 1)}`);
// The checkpoint statement (one `?`, the JSON array of the turns' new text).
const CHECKPOINT_SQL = require(
  join(BUILD, 'infrastructure/mikro-orm/turn-lease.writes.js'),
).CHECKPOINT_SQL.replace('?', '$1');

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
    usage: { inputTokens: row.input_tokens, outputTokens: row.output_tokens },
    latencyMs: row.latency_ms,
    timeToFirstTokenMs: row.time_to_first_token_ms,
    error: row.error,
    metadata: row.metadata,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
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

/** A message row as the service's turn start stores it (seq, parent and model set under the lock). */
function messageRecord(ids, now, fields) {
  return {
    ...fields,
    conversation_id: ids.conversationId,
    owner_id: ids.ownerId,
    client_message_id: null,
    turn_id: ids.turnId,
    model: null,
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

/** The turn's rows and the messages for its context (the service's one statement). */
async function startTurn(ownerId, conversationId, content) {
  const now = new Date();
  const ids = { ownerId, conversationId, turnId: randomUUID() };
  const userId = randomUUID();
  const assistantId = randomUUID();
  const drafts = [
    messageRecord(ids, now, {
      id: userId,
      seq: 1,
      parent_id: null,
      role: 'user',
      content,
      status: 'complete',
      heartbeat_at: null,
    }),
    messageRecord(ids, now, {
      id: assistantId,
      seq: 2,
      parent_id: userId,
      role: 'assistant',
      content: '',
      status: 'streaming',
      heartbeat_at: now,
    }),
  ];
  const { rows } = await pool.query(START_TURN_SQL, [
    ownerId,
    conversationId,
    false,
    content.slice(0, 80),
    now,
    assistantId,
    true,
    null,
    null,
    MODEL,
    [MODEL],
    JSON.stringify(drafts),
  ]);
  const conversation = rows[0];
  if (!conversation) return undefined;
  const previousSeq = Number(conversation.turn_previous_seq);
  const user = { ...drafts[0], seq: previousSeq + 1, parent_id: conversation.turn_parent_id };
  const assistant = { ...drafts[1], seq: previousSeq + 2, model: conversation.turn_model };
  // The context sent to the model: the active branch up to the new user message, from the
  // messages the statement read (as the service, which reads them again when a turn slipped in).
  const history = conversation.turn_history_complete
    ? [...conversation.turn_history, user, assistant]
    : (
        await pool.query(
          `select ${MESSAGE_COLUMNS}, (select current_leaf_id from conversations c where c.owner_id = m.owner_id and c.id = m.conversation_id) as leaf
           from messages m where owner_id = $1 and conversation_id = $2 order by seq`,
          [ownerId, conversationId],
        )
      ).rows;
  const context = activeBranch(history, userId);
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
  const conversation = await findConversation(ownerId, conversationId);
  if (!conversation) return send(res, 404, { error: { code: 'conversation_not_found' } });
  let rendered = await renderedMessages(ownerId, conversationId);
  if (rendered.unfinished) {
    const settled = await pool.query(
      `update messages set status = 'failed', error = $1::jsonb, heartbeat_at = null, updated_at = now()
       where status in ('pending', 'streaming') and coalesce(heartbeat_at, updated_at) < now() - ($2 * interval '1 millisecond')
       and owner_id = $3 and conversation_id = $4 returning id`,
      [INTERRUPTED, leaseMs, ownerId, conversationId],
    );
    if (settled.rowCount > 0) rendered = await renderedMessages(ownerId, conversationId);
  }
  const branch = activeBranch(rendered.messages, rendered.leafId);
  const fields = JSON.stringify(conversationJson(conversation));
  // As the service: the pieces written into one buffer, no long string built on the way.
  const pieces = [`${fields.slice(0, -1)},"messages":[`];
  branch.forEach((m, i) => pieces.push(i ? `,${m.json}` : m.json));
  pieces.push(']}');
  const body = Buffer.allocUnsafe(pieces.reduce((n, p) => n + Buffer.byteLength(p), 0));
  pieces.reduce((at, p) => at + body.write(p, at), 0);
  sendJsonText(res, 200, body);
}

/** The service's statement: every message rendered as the API's JSON, one row each. */
async function renderedMessages(ownerId, conversationId) {
  const { rows } = await pool.query(RENDERED_MESSAGES_SQL, [
    ownerId,
    conversationId,
    ownerId,
    conversationId,
  ]);
  const leafId = rows.length ? rows[0].leaf : null;
  return { messages: rows, unfinished: rows.some((row) => row.unfinished), leafId };
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
