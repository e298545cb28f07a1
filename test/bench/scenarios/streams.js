'use strict';
// Target 3: streaming capacity. N concurrent SSE turns (1,000) through one service
// process, the Bedrock adapter reading ConverseStream from the emulator sending 20 chunks/s per
// stream (chunkDelayMs 50) for 30 s (quick: 250 streams for 6 s).
//
// Delivery lag: the emulator stamps each text delta with its send time (see emulator-process.js);
// the client subtracts it from the time the SSE `delta` carrying it arrives. Lag therefore covers
// upstream socket -> SDK event-stream decoding -> turn run -> SSE write -> client socket, and any
// queueing on the service's core. The same streams straight from the emulator (no service) give
// the harness's own floor. Since stamps carry the real send times, the achieved upstream pace
// (chunks/s per stream) is measured too: when the load core cannot keep 20 chunks/s, the run says
// so (`upstreamPace` < 0.9 marks the figures as harness-limited).
//
// Checked: every stream ends with message.end, event ids 0..n without gaps, the text received is
// the text stored (md5 compared in SQL), the service's RSS (sampled every 200 ms) and CPU.
// Run per variant: checkpoints as configured by default (STREAM_CHECKPOINT_MS 1000) and with
// checkpoints effectively off (STREAM_CHECKPOINT_MS and STREAM_LEASE_MS one hour: without
// checkpoints the lease must be longer than a turn, or the sweep would settle live turns).
const { createHash } = require('node:crypto');
const http = require('node:http');
const { monitorEventLoopDelay, performance } = require('node:perf_hooks');
const { setTimeout: sleep } = require('node:timers/promises');
const { query } = require('../lib/database');
const { request, sseParser } = require('../lib/http-client');
const procs = require('../lib/procs');
const { round, Samples } = require('../lib/stats');

/** A stamp in delta text: `|s<send time, microseconds since the run's epoch, base 36>|`. */
const STAMP = /\|s([0-9a-z]+)\|/g;
/** The same inside raw ConverseStream frames (only in a JSON `text` member, never in binary). */
const RAW_STAMP = /"text":"\|s([0-9a-z]+)\|"/g;
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const DIRECT_HEADERS = {
  'content-type': 'application/json',
  authorization: 'AWS4-HMAC-SHA256 Credential=bench/20250101/us-east-1/bedrock/aws4_request',
};

function shape(quick) {
  return quick
    ? { streams: 250, chunks: 120, chunkDelayMs: 50, rampPerSecond: 250 }
    : { streams: 1000, chunks: 600, chunkDelayMs: 50, rampPerSecond: 250 };
}

/** Records one stamp: the lag, and the first/last send time of its stream (for the pace). */
function onStamp(ctx, state, lags, stamp, at) {
  const sentMs = parseInt(stamp, 36) / 1000;
  const lag = performance.timeOrigin + at - ctx.epochMs - sentMs;
  lags.add(lag);
  if (lags.steadyFrom !== undefined && at >= lags.steadyFrom) lags.steady.add(lag);
  if (state.firstSent === undefined) state.firstSent = sentMs;
  state.lastSent = sentMs;
  state.stamps += 1;
}

/** A delta's text without JSON.parse when it is a plain `{"text":"..."}` (the usual case). */
function deltaText(data) {
  if (data.startsWith('{"text":"') && data.endsWith('"}') && !data.includes('\\')) {
    return data.slice(9, -2);
  }
  return JSON.parse(data).text;
}

async function openStream(ctx, origin, agent, state, lags, live) {
  let counted = false;
  const parse = sseParser((event, at) => {
    const id = Number(event.id);
    if (id !== state.nextId) state.idGaps += 1;
    state.nextId = id + 1;
    if (event.event === 'delta') {
      const text = deltaText(event.data);
      state.deltas += 1;
      state.hash.update(text);
      for (const match of text.matchAll(STAMP)) onStamp(ctx, state, lags, match[1], at);
    } else if (event.event === 'message.start') {
      state.messageId = JSON.parse(event.data).assistantMessageId;
      counted = true;
      live.now += 1;
      live.peak = Math.max(live.peak, live.now);
    } else if (event.event === 'message.end' || event.event === 'error') {
      state.end = event.event;
      if (event.event === 'error') state.error = event.data;
    }
  });
  const result = await request(`${origin}/api/v1/conversations/${state.conversation}/messages`, {
    method: 'POST',
    agent,
    timeoutMs: 120000,
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'x-user-id': state.user,
    },
    body: JSON.stringify({ content: `Stream ${state.conversation}: tell me a long story.` }),
    onData: parse,
  });
  if (counted) live.now -= 1;
  state.status = result.status;
  state.transportError = result.error;
  state.md5 = state.hash.digest('hex');
  state.hash = undefined;
}

/** The same stream straight from the emulator: stamps found in the raw event-stream bytes. */
async function directStream(ctx, emulatorUrl, agent, state, lags) {
  let carry = '';
  await request(`${emulatorUrl}/model/${encodeURIComponent(MODEL)}/converse-stream`, {
    method: 'POST',
    agent,
    timeoutMs: 120000,
    headers: DIRECT_HEADERS,
    body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'tell me a story' }] }] }),
    onData: (chunk, at) => {
      const text = carry + chunk.toString('latin1');
      let end = 0;
      for (const match of text.matchAll(RAW_STAMP)) {
        onStamp(ctx, state, lags, match[1], at);
        end = match.index + match[0].length;
      }
      carry = text.slice(Math.max(end, text.length - 40));
    },
  });
}

/** N streams at the ramp rate through `open(state)`. */
async function rampStreams(s, open) {
  const states = [];
  const running = [];
  const startedAt = performance.now();
  for (let i = 0; i < s.streams; i += 1) {
    const due = startedAt + (i * 1000) / s.rampPerSecond;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const state = { i, stamps: 0 };
    states.push(state);
    running.push(open(state));
  }
  return { states, startedAt, done: Promise.all(running) };
}

/**
 * Waits for the streams, at most 3x their nominal length (+30 s); then cuts the rest (they count
 * as incomplete). Returns true when streams had to be cut.
 */
async function finishWithin(done, agent, s) {
  const capMs = 3 * s.chunks * s.chunkDelayMs + 30000;
  const timer = sleep(capMs, undefined, { ref: false }).then(() => 'cut');
  const cut = (await Promise.race([done.then(() => 'done'), timer])) === 'cut';
  agent.destroy();
  await done;
  return cut;
}

/** The service's own Prometheus metrics (prom-client defaults: event-loop delay, GC). */
async function scrape(origin) {
  const res = await request(`${origin}/metrics`, { keepBody: true, timeoutMs: 10000 });
  const values = {};
  for (const line of (res.body || '').split('\n')) {
    const match =
      /^(nodejs_eventloop_lag_(?:p50|p99|max)_seconds|nodejs_gc_duration_seconds_(?:sum|count)\{kind="(?:major|minor|incremental)"\}|nodejs_heap_size_used_bytes) (\S+)$/.exec(
        line,
      );
    if (match) values[match[1]] = Number(match[2]);
  }
  return values;
}

/** Event-loop delay over the window (prom-client resets it per scrape) and GC time in it. */
function serviceLoop(before, after) {
  if (!('nodejs_eventloop_lag_p99_seconds' in after)) return null; // the scrape failed (busy)
  const both = 'nodejs_heap_size_used_bytes' in before;
  const gc = (kind, what) =>
    (after[`nodejs_gc_duration_seconds_${what}{kind="${kind}"}`] || 0) -
    (before[`nodejs_gc_duration_seconds_${what}{kind="${kind}"}`] || 0);
  return {
    // since the previous successful scrape (prom-client resets the histogram on each collect)
    eventLoopDelayMs: {
      p50: round(after.nodejs_eventloop_lag_p50_seconds * 1000),
      p99: round(after.nodejs_eventloop_lag_p99_seconds * 1000),
      max: round(after.nodejs_eventloop_lag_max_seconds * 1000),
    },
    gc: both
      ? Object.fromEntries(
          ['major', 'minor', 'incremental'].map((kind) => [
            kind,
            { count: gc(kind, 'count'), ms: round(gc(kind, 'sum') * 1000, 1) },
          ]),
        )
      : null,
    heapUsedMiB: round(after.nodejs_heap_size_used_bytes / 2 ** 20, 1),
  };
}

/** Achieved upstream chunks/s per stream (from the stamps' send times), as a share of nominal. */
function paceOf(states, s) {
  const rates = states
    .filter((st) => st.stamps > 1)
    .map((st) => (st.stamps - 1) / ((st.lastSent - st.firstSent) / 1000))
    .sort((a, b) => a - b);
  const nominal = 1000 / s.chunkDelayMs;
  const median = rates.length ? rates[Math.floor(rates.length / 2)] : NaN;
  return { chunksPerSecond: round(median, 1), share: round(median / nominal, 2) };
}

/** Runs `fn` while measuring the load side: this process's and the emulator's CPU (% of a core). */
async function withLoadSide(emulator, fn) {
  const self = process.cpuUsage();
  const emuBefore = (await emulator.stats()).cpu;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const t0 = performance.now();
  loopDelay.enable();
  const result = await fn();
  loopDelay.disable();
  const ms = performance.now() - t0;
  const emuAfter = (await emulator.stats()).cpu;
  const used = process.cpuUsage(self);
  const pct = (us) => round((100 * us) / 1000 / ms, 1);
  return {
    result,
    loadSide: {
      clientCpuPct: pct(used.user + used.system),
      emulatorCpuPct: pct(emuAfter.user + emuAfter.system - emuBefore.user - emuBefore.system),
      clientLoopDelayMs: {
        p99: round(loopDelay.percentile(99) / 1e6),
        max: round(loopDelay.max / 1e6),
      },
    },
  };
}

async function configure(emulator, s) {
  await emulator.configure({
    firstByteDelayMs: 0,
    chunkDelayMs: s.chunkDelayMs,
    chunkCount: s.chunks,
    replyChars: s.chunks,
    stamp: true,
  });
}

async function floorOf(ctx, emulator, s) {
  await configure(emulator, s);
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const lags = new Samples(1 << 20);
  const { result, loadSide } = await withLoadSide(emulator, async () => {
    const { states, startedAt, done } = await rampStreams(s, (state) =>
      directStream(ctx, emulator.url, agent, state, lags),
    );
    await finishWithin(done, agent, s);
    return { states, seconds: (performance.now() - startedAt) / 1000 };
  });
  await emulator.clear();
  const lag = lags.summary();
  return {
    streams: s.streams,
    stampsSeen: result.states.reduce((n, st) => n + st.stamps, 0),
    stampsExpected: s.streams * s.chunks,
    lag: { p50: round(lag.p50), p99: round(lag.p99), max: round(lag.max), samples: lag.count },
    upstreamPace: paceOf(result.states, s),
    ...loadSide,
    seconds: round(result.seconds, 1),
  };
}

async function runVariant(ctx, service, emulator, variant) {
  const s = shape(ctx.quick);
  const prefix = `str-${variant}-`;
  await query(
    ctx.databaseUrl,
    `insert into conversations (owner_id, id, title) select 'str-user-' || i, $1 || i, 'Streams'
     from generate_series(0, $2 - 1) i on conflict do nothing`,
    [prefix, s.streams],
  );
  await configure(emulator, s);
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const lags = new Samples(1 << 20);
  /** Streams between message.start and their end: the concurrency actually reached. */
  const live = { now: 0, peak: 0 };
  // Steady state: from 2 s after the last stream started (turn starts no longer compete).
  lags.steady = new Samples(1 << 20);
  lags.steadyFrom = performance.now() + (s.streams / s.rampPerSecond + 2) * 1000;
  const rssBefore = procs.rssBytes(service.pid);
  const rss = procs.sampleRss(service.pid, 200);
  const cpuBefore = procs.cpuTimeMs(service.pid);
  const machineBefore = procs.machineCpu();
  const metricsBefore = await scrape(service.origin);
  const { result, loadSide } = await withLoadSide(emulator, async () => {
    const { states, startedAt, done } = await rampStreams(s, (state) => {
      Object.assign(state, {
        conversation: `${prefix}${state.i}`,
        user: `str-user-${state.i}`,
        nextId: 0,
        idGaps: 0,
        deltas: 0,
        hash: createHash('md5'),
      });
      return openStream(ctx, service.origin, agent, state, lags, live);
    });
    // Mid-run: are checkpoints being written? (streaming rows with a fresh heartbeat and text)
    const streamSeconds = (s.chunks * s.chunkDelayMs) / 1000;
    const probeAt = startedAt + (streamSeconds * 0.6 + s.streams / s.rampPerSecond) * 1000;
    await sleep(Math.max(0, probeAt - performance.now()));
    const { rows: probe } = await query(
      ctx.databaseUrl,
      `select count(*)::int as streaming,
              count(*) filter (where heartbeat_at > now() - interval '3 seconds')::int as fresh_heartbeat,
              coalesce(round(avg(length(content))), 0)::int as avg_checkpointed_chars
       from messages where role = 'assistant' and status = 'streaming' and conversation_id like $1`,
      [`${prefix}%`],
    );
    const metricsMid = await scrape(service.origin);
    const cut = await finishWithin(done, agent, s);
    return { states, startedAt, probe: probe[0], cut, endedAt: performance.now(), metricsMid };
  });
  const { states, startedAt, endedAt } = result;
  const loop = {
    firstHalf: serviceLoop(metricsBefore, result.metricsMid),
    secondHalf: serviceLoop(
      'nodejs_heap_size_used_bytes' in result.metricsMid ? result.metricsMid : metricsBefore,
      await scrape(service.origin),
    ),
  };
  const { maxRss } = rss.stop();
  const cpuMs = procs.cpuTimeMs(service.pid) - cpuBefore;
  const coreUse = procs.coreUse(machineBefore, procs.machineCpu());

  await sleep(500);
  const ids = states.map((st) => st.messageId).filter(Boolean);
  const { rows } = await query(
    ctx.databaseUrl,
    `select id, status, md5(content) as md5 from messages where id = any($1::uuid[])`,
    [ids],
  );
  const stored = new Map(rows.map((row) => [row.id, row]));
  let complete = 0;
  let storedOk = 0;
  let gaps = 0;
  const problems = {};
  for (const st of states) {
    gaps += st.idGaps;
    const row = st.messageId && stored.get(st.messageId);
    const fine =
      st.status === 200 && st.end === 'message.end' && st.deltas === s.chunks && st.idGaps === 0;
    if (fine) complete += 1;
    else {
      const why =
        st.transportError || (st.status !== 200 ? `status ${st.status}` : st.end || 'no end');
      problems[why] = (problems[why] || 0) + 1;
    }
    if (row && row.status === 'complete' && row.md5 === st.md5) storedOk += 1;
  }
  const stamps = states.reduce((n, st) => n + st.stamps, 0);
  const lag = lags.summary();
  const steady = lags.steady.summary();
  const emu = await emulator.stats();
  await emulator.clear();
  const seconds = (endedAt - startedAt) / 1000;
  return {
    variant,
    settings: service.settings,
    streams: s.streams,
    chunksPerStream: s.chunks,
    completed: complete,
    storedMatching: storedOk,
    peakConcurrent: live.peak,
    idGaps: gaps,
    problems,
    stampsSeen: stamps,
    stampsSent: emu.stamped,
    lag: { p50: round(lag.p50), p99: round(lag.p99), max: round(lag.max), samples: lag.count },
    steadyLag: {
      p50: round(steady.p50),
      p99: round(steady.p99),
      max: round(steady.max),
      samples: steady.count,
    },
    upstreamPace: paceOf(states, s),
    rss: { beforeMiB: round(rssBefore / 2 ** 20, 1), maxMiB: round(maxRss / 2 ** 20, 1) },
    cpu: {
      avgPct: round((100 * cpuMs) / (seconds * 1000), 1),
      msPerEvent: round(cpuMs / Math.max(1, stamps), 4),
    },
    coreUse,
    serviceLoop: loop,
    ...loadSide,
    checkpointProbe: result.probe,
    cutAfterCap: result.cut,
    seconds: round(seconds, 1),
  };
}

function checksOf(result) {
  const tag = result.variant === 'default' ? '' : ` (${result.variant})`;
  const limited = result.upstreamPace.share < 0.9 ? ' [harness-limited pace]' : '';
  return [
    {
      what: `concurrent streams reached${tag}`,
      value: result.peakConcurrent,
      target: `${result.streams}`,
      pass: result.peakConcurrent === result.streams,
    },
    {
      what: `streams complete and stored${tag}`,
      value: `${Math.min(result.completed, result.storedMatching)}/${result.streams}`,
      target: 'all',
      pass: result.completed === result.streams && result.storedMatching === result.streams,
    },
    {
      what: `RSS max MiB${tag}`,
      value: result.rss.maxMiB,
      target: '<= 384',
      pass: result.rss.maxMiB <= 384,
    },
    {
      what: `delivery lag p99 ms${tag}${limited}`,
      value: result.lag.p99,
      target: '<= 50',
      pass: result.lag.p99 <= 50 && result.stampsSeen > 0,
    },
  ];
}

const loopText = (half) =>
  half
    ? `${half.eventLoopDelayMs.p99} ms` +
      (half.gc ? `, GC minor ${half.gc.minor.ms} / major ${half.gc.major.ms} ms` : '')
    : 'n/a';

/** `variants`: [{ name, start: () => Promise<service> }], each run on a fresh service process. */
async function run(ctx, { emulator, variants }) {
  const s = shape(ctx.quick);
  ctx.log(
    `[3] ${s.streams} concurrent SSE streams, ${1000 / s.chunkDelayMs} chunks/s for ${(s.chunks * s.chunkDelayMs) / 1000} s`,
  );
  const floor = await floorOf(ctx, emulator, s);
  ctx.log(
    `    harness floor (emulator -> client, no service): lag p50 ${floor.lag.p50} / p99 ${floor.lag.p99} ms, ` +
      `pace ${floor.upstreamPace.chunksPerSecond} chunks/s, emulator ${floor.emulatorCpuPct}% + client ${floor.clientCpuPct}% CPU`,
  );
  const results = [];
  for (const variant of variants) {
    const service = await variant.start();
    try {
      const r = await runVariant(ctx, service, emulator, variant.name);
      r.baseline = Boolean(variant.baseline);
      results.push(r);
      ctx.log(
        `    ${variant.name}: ${r.completed}/${r.streams} complete, ${r.storedMatching} stored, ` +
          `lag p50 ${r.lag.p50} / p99 ${r.lag.p99} ms, RSS max ${r.rss.maxMiB} MiB, CPU ${r.cpu.avgPct}%, ` +
          `pace ${r.upstreamPace.chunksPerSecond} chunks/s (emulator ${r.emulatorCpuPct}% + client ${r.clientCpuPct}%), ` +
          `steady-state lag p50 ${r.steadyLag.p50} / p99 ${r.steadyLag.p99} ms; service event-loop delay p99 ` +
          `${loopText(r.serviceLoop.firstHalf)} (ramp + 1st half) / ${loopText(r.serviceLoop.secondHalf)} (2nd half); ` +
          `peak ${r.peakConcurrent} concurrent`,
      );
    } finally {
      await service.stop();
    }
  }
  return {
    id: 3,
    name: `Streaming capacity (${s.streams} SSE streams)`,
    floor,
    variants: results,
    checks: results.filter((r) => !r.baseline).flatMap(checksOf),
  };
}

module.exports = { run };
