'use strict';
// The bare baseline's streaming turn (target 3): the least a process can do for the same
// contract. Reads ConverseStream from the emulator over a keep-alive node:http agent, splits and
// decodes the event-stream frames with @smithy/eventstream-codec, writes one SSE event per delta,
// checkpoints every streaming turn's new text in one statement per STREAM_CHECKPOINT_MS tick
// (the service's statement, from the build: appended where the row holds the bytes it follows) and
// stores the final message. No SDK, no framework, no wrappers, no logging: the floor the service
// is compared with. Calls are SigV4-signed as the service's are (real Bedrock checks them).
// Also the JSON turn against the emulator (target 2): the same call, the text collected.
const { createHash, createHmac } = require('node:crypto');
const http = require('node:http');
const { URL } = require('node:url');
const { EventStreamCodec } = require('@smithy/eventstream-codec');
const { SignatureV4 } = require('@smithy/signature-v4');

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
// (toUtf8: bytes -> string, fromUtf8: string -> bytes)
const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
  (text) => Buffer.from(text, 'utf8'),
);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** node:crypto's SHA-256 in the shape SignatureV4 takes. */
class Sha256 {
  constructor(secret) {
    this.hash = secret ? createHmac('sha256', secret) : createHash('sha256');
  }
  update(data) {
    this.hash.update(data);
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}
const signer = new SignatureV4({
  service: 'bedrock',
  region: 'us-east-1',
  credentials: { accessKeyId: 'baseline', secretAccessKey: 'baseline' },
  sha256: Sha256,
  uriEscapePath: true,
});

/** A signed ConverseStream call; `onResponse(response)` reads it. */
async function converseStream(endpoint, messages, onResponse, onError) {
  const url = new URL(`${endpoint}/model/${encodeURIComponent(MODEL)}/converse-stream`);
  const body = JSON.stringify({ messages });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: {},
    headers: {
      host: url.host,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    },
    body,
  });
  const upstream = http.request(
    {
      hostname: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      agent,
      headers: signed.headers,
    },
    onResponse,
  );
  upstream.on('error', onError);
  upstream.end(body);
}

/** Reads a ConverseStream response: `onDelta(text)` per text delta; resolves with text and usage. */
function readAnswer(response, onDelta) {
  return new Promise((resolve, reject) => {
    let text = '';
    let usage = {};
    response.on(
      'data',
      frameSplitter((message) => {
        const { body: bytes } = message;
        const body = JSON.parse(
          Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
        );
        const type = message.headers[':event-type'].value;
        if (type === 'contentBlockDelta' && body.delta && body.delta.text) {
          text += body.delta.text;
          if (onDelta) onDelta(body.delta.text);
        } else if (type === 'metadata') usage = body.usage || {};
      }),
    );
    response.on('end', () => resolve({ text, usage }));
    response.on('error', reject);
  });
}

/** The JSON turn's model call (target 2): the whole text and usage of one ConverseStream call. */
function collectAnswer(endpoint, messages) {
  return new Promise((resolve, reject) => {
    converseStream(
      endpoint,
      messages,
      (response) => readAnswer(response).then(resolve, reject),
      reject,
    ).catch(reject);
  });
}

/** assistant message id -> the turn's text so far (checkpointed while it streams). */
const streaming = new Map();

/**
 * Starts the shared checkpoint timer: one `update ... from jsonb_to_recordset` per tick (none
 * while one is running), each turn's text since its last written checkpoint.
 */
function startCheckpoints(pool, everyMs, checkpointSql) {
  let running = false;
  const timer = setInterval(() => {
    if (streaming.size === 0 || running) return;
    running = true;
    const turns = [...streaming];
    const sent = turns.map(([id, turn]) => {
      if (turn.storedBytes < 0) return { id, stored_bytes: -1, text: turn.text };
      const text = turn.text.length > turn.storedChars ? turn.text.slice(turn.storedChars) : null;
      return { id, stored_bytes: turn.storedBytes, text };
    });
    pool
      .query(checkpointSql, [JSON.stringify(sent)])
      .then(({ rows }) => {
        const written = new Set(rows.map((row) => row.id));
        turns.forEach(([id, turn], i) => {
          const { text, stored_bytes } = sent[i];
          if (text === null) return;
          if (!written.has(id)) Object.assign(turn, { storedChars: 0, storedBytes: -1 });
          else {
            const whole = stored_bytes < 0;
            turn.storedChars = (whole ? 0 : turn.storedChars) + text.length;
            turn.storedBytes = (whole ? 0 : stored_bytes) + Buffer.byteLength(text);
          }
        });
      })
      .catch(() => undefined)
      .finally(() => (running = false));
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
  const state = { text: '', storedChars: 0, storedBytes: 0 };
  streaming.set(turn.assistantId, state);
  const failed = () => {
    streaming.delete(turn.assistantId);
    res.destroy();
  };
  const onDelta = (text) => {
    state.text += text;
    sse(res, id++, 'delta', { text });
  };
  converseStream(
    endpoint,
    messages,
    (response) =>
      readAnswer(response, onDelta)
        .then(({ text, usage }) => {
          streaming.delete(turn.assistantId);
          return finish(text, usage).then((message) => {
            sse(res, id++, 'message.end', {
              message,
              usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens },
              stopReason: 'end',
            });
            res.end();
          });
        }, failed)
        .catch(failed),
    failed,
  ).catch(failed);
}

module.exports = { collectAnswer, startCheckpoints, streamTurn };
