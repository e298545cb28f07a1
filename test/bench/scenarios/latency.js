'use strict';
// Target 2: added latency with the Bedrock adapter against the emulator answering after a fixed
// 200 ms (firstByteDelayMs 200, chunks at once).
//   1. the service's maximum rate in this set-up: closed loop, 64 connections (enough to keep
//      a CPU-bound service busy despite the 200 ms wait: up to 320 turns/s);
//   2. at half that rate (open loop): JSON turns through the service, then the same number of
//      ConverseStream calls straight to the emulator: added latency = service - emulator (p50/p99);
//   3. at the same rate, SSE turns: time to the first SSE byte and to the first `delta` event,
//      against the emulator's own first byte (its first frames carry the first text delta);
//   4. the same JSON and SSE turns through the bare baseline, for what any process adds here.
const { query } = require('../lib/database');
const { sseParser } = require('../lib/http-client');
const { closedLoop, openLoop } = require('../lib/load');
const { round, Samples } = require('../lib/stats');
const { settle, withCpu } = require('../lib/targets');

const CONVERSATIONS = 2000;
const USERS = 200;
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const QUESTION = 'What are SQL injection attacks?';

function turn(i, stream) {
  const n = i % CONVERSATIONS;
  return {
    method: 'POST',
    path: `/api/v1/conversations/lat-${n}/messages`,
    headers: {
      'content-type': 'application/json',
      'x-user-id': `lat-user-${n % USERS}`,
      ...(stream ? { accept: 'text/event-stream' } : {}),
    },
    body: JSON.stringify({ content: `${QUESTION} (${i})` }),
  };
}

/** What the adapter sends: a ConverseStream call (the SDK signs it; the emulator checks the scheme). */
function direct(i) {
  return {
    method: 'POST',
    path: `/model/${encodeURIComponent(MODEL)}/converse-stream`,
    headers: {
      'content-type': 'application/json',
      authorization: 'AWS4-HMAC-SHA256 Credential=bench/20250101/us-east-1/bedrock/aws4_request',
    },
    body: JSON.stringify({
      messages: [{ role: 'user', content: [{ text: `${QUESTION} (${i})` }] }],
      inferenceConfig: { maxTokens: 4000, temperature: 0.1 },
    }),
  };
}

/** SSE turns at a fixed rate: the open-loop result and the time to the first `delta` event. */
async function sseTurns(origin, rate, seconds, makeTurn) {
  const firstDelta = new Samples();
  const result = await openLoop({
    origin,
    rate,
    durationS: seconds,
    makeRequest: (i) => {
      const spec = makeTurn(i);
      spec.onData = sseParser((event, at) => {
        if (event.event === 'delta' && spec.firstDeltaAt === undefined) spec.firstDeltaAt = at;
      });
      return spec;
    },
    check: (res, spec) =>
      okStatus(res) || (spec.firstDeltaAt === undefined ? 'no delta event' : undefined),
    observe: (_res, spec, scheduled) => firstDelta.add(spec.firstDeltaAt - scheduled),
  });
  return { result, firstDelta: firstDelta.summary() };
}

const okStatus = (result) =>
  result.status >= 200 && result.status < 300 ? undefined : `status ${result.status}`;

async function run(ctx, { service, emulator, baseline }) {
  ctx.log('[2] added latency (Bedrock adapter, emulator answering after 200 ms)');
  await query(
    ctx.databaseUrl,
    `insert into conversations (owner_id, id, title) select 'lat-user-' || (i % $1), 'lat-' || i, 'Latency'
     from generate_series(0, $2 - 1) i on conflict do nothing`,
    [USERS, CONVERSATIONS],
  );
  await emulator.configure({ firstByteDelayMs: 200, chunkDelayMs: 0 });
  const seconds = ctx.quick ? 2 : 10;
  let offset = 0;
  const next = (stream) => (i) => turn(offset + i, stream);

  // 1. maximum rate
  await closedLoop({
    origin: service.origin,
    connections: 64,
    durationS: ctx.quick ? 1 : 3,
    maxRequests: 20000,
    makeRequest: next(false),
  });
  offset += 20000;
  await settle(service.pid);
  const max = await withCpu(service.pid, () =>
    closedLoop({
      origin: service.origin,
      connections: 64,
      durationS: ctx.quick ? 3 : seconds,
      maxRequests: 100000,
      makeRequest: next(false),
    }),
  );
  offset += 100000;
  const maxRate = max.result.rps;
  const rate = Math.max(1, Math.floor(maxRate / 2));
  ctx.log(
    `    max ${round(maxRate, 1)} turns/s (${round(max.cpuMs / max.result.requests, 3)} CPU ms/turn); measuring at ${rate}/s`,
  );
  await settle(service.pid);
  await emulator.clear();

  // 2. JSON turns vs the emulator alone
  const json = await withCpu(service.pid, () =>
    openLoop({
      origin: service.origin,
      rate,
      durationS: seconds,
      makeRequest: next(false),
      check: okStatus,
    }),
  );
  offset += 100000;
  await settle(service.pid);
  const alone = await openLoop({
    origin: emulator.url,
    rate,
    durationS: seconds,
    makeRequest: direct,
    check: okStatus,
  });
  await emulator.clear();

  // 3. SSE turns: first byte and first delta
  const { result: sse } = await withCpu(service.pid, () =>
    sseTurns(service.origin, rate, seconds, (i) => turn(offset + i, true)),
  );
  offset += 100000;
  const aloneFirst = await openLoop({
    origin: emulator.url,
    rate,
    durationS: seconds,
    makeRequest: direct,
    check: okStatus,
  });
  await emulator.clear();

  // 4. The bare baseline (node:http + pg + a signed call on the wire, no framework): the same
  //    JSON and SSE turns at the same rate, for what any process adds on this machine.
  let bare;
  if (baseline) {
    await settle(baseline.pid);
    const bareJson = await openLoop({
      origin: baseline.origin,
      rate,
      durationS: seconds,
      makeRequest: next(false),
      check: okStatus,
    });
    offset += 100000;
    const bareSse = await sseTurns(baseline.origin, rate, seconds, (i) => turn(offset + i, true));
    await emulator.clear();
    bare = {
      json: { p50: round(bareJson.latency.p50), p99: round(bareJson.latency.p99) },
      sse: {
        firstByteP50: round(bareSse.result.firstByte.p50),
        firstDeltaP50: round(bareSse.firstDelta.p50),
      },
      added: {
        p50: round(bareJson.latency.p50 - alone.latency.p50),
        p99: round(bareJson.latency.p99 - alone.latency.p99),
        firstDeltaP50: round(bareSse.firstDelta.p50 - aloneFirst.firstByte.p50),
      },
      errors: { ...bareJson.errors, ...bareSse.result.errors },
    };
    ctx.log(
      `    bare baseline: JSON p50 ${bare.json.p50} / p99 ${bare.json.p99} ms; first delta p50 ${bare.sse.firstDeltaP50} ms`,
    );
  }

  const j = json.result;
  const d = sse.firstDelta;
  const added = {
    p50: round(j.latency.p50 - alone.latency.p50),
    p99: round(j.latency.p99 - alone.latency.p99),
    firstDeltaP50: round(d.p50 - aloneFirst.firstByte.p50),
    firstByteP50: round(sse.result.firstByte.p50 - aloneFirst.firstByte.p50),
  };
  ctx.log(
    `    JSON p50 ${round(j.latency.p50)} / p99 ${round(j.latency.p99)} ms vs emulator ${round(alone.latency.p50)} / ${round(alone.latency.p99)} ms; ` +
      `first delta p50 ${round(d.p50)} ms vs emulator first byte ${round(aloneFirst.firstByte.p50)} ms`,
  );
  const errors = { ...j.errors, ...sse.result.errors, ...(bare ? bare.errors : {}) };
  return {
    id: 2,
    name: 'Added latency (Bedrock adapter, emulator 200 ms)',
    maxRate: round(maxRate, 1),
    maxRateCpuMsPerTurn: round(max.cpuMs / Math.max(1, max.result.requests), 3),
    rate,
    service: {
      json: {
        p50: round(j.latency.p50),
        p99: round(j.latency.p99),
        ok: j.ok,
        requests: j.requests,
        errors: j.errors,
      },
      jsonCpuMsPerTurn: round(json.cpuMs / Math.max(1, j.requests), 3),
      sse: {
        firstByteP50: round(sse.result.firstByte.p50),
        firstDeltaP50: round(d.p50),
        firstDeltaP99: round(d.p99),
        ok: sse.result.ok,
        errors: sse.result.errors,
      },
    },
    emulator: {
      p50: round(alone.latency.p50),
      p99: round(alone.latency.p99),
      firstByteP50: round(aloneFirst.firstByte.p50),
      firstByteP99: round(aloneFirst.firstByte.p99),
    },
    added,
    baseline: bare,
    checks: [
      { what: 'added p50 ms', value: added.p50, target: '<= +4', pass: added.p50 <= 4 },
      { what: 'added p99 ms', value: added.p99, target: '<= +25', pass: added.p99 <= 25 },
      {
        what: 'first SSE delta vs emulator first byte, p50 ms',
        value: added.firstDeltaP50,
        target: '<= +3',
        pass: added.firstDeltaP50 <= 3,
      },
      {
        what: 'all turns answered',
        value: `${j.ok + sse.result.ok}/${j.requests + sse.result.requests}`,
        target: 'all',
        pass: Object.keys(errors).length === 0,
      },
    ],
  };
}

module.exports = { run };
