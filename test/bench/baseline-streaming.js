'use strict';
// The bare baseline's streaming turn (target 3): the least a process can do for the same
// contract. Reads ConverseStream from the emulator over a keep-alive node:http agent, splits and
// decodes the event-stream frames with @smithy/eventstream-codec, writes one SSE event per delta,
// checkpoints every streaming turn's text in one statement per STREAM_CHECKPOINT_MS tick and
// stores the final message. No SDK, no framework, no wrappers, no logging: the floor the service
// is compared with.
const http = require('node:http');
const { EventStreamCodec } = require('@smithy/eventstream-codec');

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
// (toUtf8: bytes -> string, fromUtf8: string -> bytes)
const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
  (text) => Buffer.from(text, 'utf8'),
);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
/** assistant message id -> the turn's text so far (checkpointed while it streams). */
const streaming = new Map();

/** Starts the shared checkpoint timer: one `update ... from jsonb_to_recordset` per tick. */
function startCheckpoints(pool, everyMs) {
  const timer = setInterval(() => {
    if (streaming.size === 0) return;
    const entries = [...streaming].map(([id, turn]) => ({ id, content: turn.text }));
    pool
      .query(
        `update messages m set content = v.content, heartbeat_at = now()
         from jsonb_to_recordset($1::jsonb) as v(id uuid, content text)
         where m.id = v.id and m.status = 'streaming'`,
        [JSON.stringify(entries)],
      )
      .catch(() => undefined);
  }, everyMs);
  timer.unref();
}

/** Splits a byte stream into event-stream messages (4-byte big-endian total length prefix). */
function frameSplitter(onMessage) {
  let pending = null;
  return (chunk) => {
    let data = pending ? Buffer.concat([pending, chunk]) : chunk;
    while (data.length >= 4) {
      const length = data.readUInt32BE(0);
      if (data.length < length) break;
      onMessage(codec.decode(data.subarray(0, length)));
      data = data.subarray(length);
    }
    pending = data.length ? data : null;
  };
}

function sse(res, id, type, data) {
  res.write(`id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * Streams a started turn: `turn` holds the rows the caller stored (ids, conversation, the
 * user message JSON) and `finish(text, usage)` stores the final message.
 */
function streamTurn(res, endpoint, turn, messages, finish) {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
  });
  res.socket.setNoDelay(true);
  let id = 0;
  sse(res, id++, 'message.start', {
    conversationId: turn.conversationId,
    userMessage: turn.userMessage,
    assistantMessageId: turn.assistantId,
    turnId: turn.turnId,
    model: MODEL,
  });
  const state = { text: '' };
  streaming.set(turn.assistantId, state);
  let usage = {};
  const upstream = http.request(
    `${endpoint}/model/${encodeURIComponent(MODEL)}/converse-stream`,
    {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        authorization:
          'AWS4-HMAC-SHA256 Credential=baseline/20250101/us-east-1/bedrock/aws4_request',
      },
    },
    (response) => {
      response.on(
        'data',
        frameSplitter((message) => {
          const { body: bytes } = message;
          const body = JSON.parse(
            Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
          );
          const type = message.headers[':event-type'].value;
          if (type === 'contentBlockDelta' && body.delta && body.delta.text) {
            state.text += body.delta.text;
            sse(res, id++, 'delta', { text: body.delta.text });
          } else if (type === 'metadata') usage = body.usage || {};
        }),
      );
      response.on('end', () => {
        streaming.delete(turn.assistantId);
        finish(state.text, usage).then(
          (message) => {
            sse(res, id++, 'message.end', {
              message,
              usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens },
              stopReason: 'end',
            });
            res.end();
          },
          () => res.destroy(),
        );
      });
    },
  );
  upstream.on('error', () => {
    streaming.delete(turn.assistantId);
    res.destroy();
  });
  upstream.end(JSON.stringify({ messages }));
}

module.exports = { startCheckpoints, streamTurn };
