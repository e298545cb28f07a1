'use strict';
// A small HTTP client with high-resolution timings (headers, first body byte, end), for the
// open-loop load, the SSE streams and the direct emulator calls.
const http = require('node:http');
const { performance } = require('node:perf_hooks');

function keepAliveAgent() {
  return new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024 });
}

/**
 * One request. Resolves (never rejects) with { status, error?, startAt, headersAt, firstByteAt,
 * endAt, body? } (performance.now() values). `onData(chunk, at)` sees every body chunk.
 */
function request(url, options = {}) {
  const {
    method = 'GET',
    headers = {},
    body,
    agent,
    timeoutMs = 60000,
    keepBody = false,
  } = options;
  const startAt = performance.now();
  return new Promise((resolve) => {
    const result = { status: 0, startAt, headersAt: NaN, firstByteAt: NaN, endAt: NaN };
    const parts = [];
    let settled = false;
    const done = (error) => {
      if (settled) return;
      settled = true;
      result.endAt = performance.now();
      if (error) result.error = error.message || String(error);
      if (keepBody) result.body = Buffer.concat(parts).toString('utf8');
      resolve(result);
    };
    const payload = body === undefined ? undefined : Buffer.from(body);
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: payload ? { ...headers, 'content-length': payload.length } : headers,
      },
      (res) => {
        result.status = res.statusCode;
        result.headersAt = performance.now();
        res.on('data', (chunk) => {
          const at = performance.now();
          if (Number.isNaN(result.firstByteAt)) result.firstByteAt = at;
          if (keepBody) parts.push(chunk);
          if (options.onData) options.onData(chunk, at);
        });
        res.on('end', () => done());
        res.on('error', done);
        res.on('aborted', () => done(new Error('response aborted')));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', done);
    req.end(payload);
  });
}

/**
 * Parses Server-Sent Events from body chunks: calls onEvent({id, event, data}, at) per event.
 */
function sseParser(onEvent) {
  let buffer = '';
  return (chunk, at) => {
    buffer += chunk.toString('utf8');
    let index;
    while ((index = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, index);
      buffer = buffer.slice(index + 2);
      const event = { id: undefined, event: 'message', data: '' };
      let hasData = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':') || line === '') continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') event.id = value;
        else if (field === 'event') event.event = value;
        else if (field === 'data') {
          event.data = hasData ? `${event.data}\n${value}` : value;
          hasData = true;
        }
      }
      if (hasData) onEvent(event, at);
    }
  };
}

module.exports = { keepAliveAgent, request, sseParser };
