'use strict';
// Target 1: non-streaming turns with the mock model at no delay. Closed loop, keep-alive
// connections, each request a JSON turn on one of 1,000 conversations (round robin, so turns of
// one conversation do not queue on its row lock). Same requests against the bare baseline.
const { query } = require('../lib/database');
const { closedLoop } = require('../lib/load');
const { settle, withCpu } = require('../lib/targets');
const { round } = require('../lib/stats');

const CONVERSATIONS = 1000;
const USERS = 100;
const CONNECTIONS = 32;

async function createConversations(url, prefix) {
  await query(
    url,
    `insert into conversations (owner_id, id, title) select 'bench-user-' || (i % $2), $1 || i, 'Benchmark'
     from generate_series(0, $3 - 1) i on conflict do nothing`,
    [prefix, USERS, CONVERSATIONS],
  );
}

function turnRequests(prefix) {
  return (i) => {
    const n = i % CONVERSATIONS;
    return {
      method: 'POST',
      path: `/api/v1/conversations/${prefix}${n}/messages`,
      headers: { 'content-type': 'application/json', 'x-user-id': `bench-user-${n % USERS}` },
      body: JSON.stringify({ content: `Benchmark turn ${i}: what are SQL injection attacks?` }),
    };
  };
}

async function storedTurns(url, prefix) {
  const { rows } = await query(
    url,
    `select count(*) filter (where role = 'assistant' and status = 'complete')::int as complete,
            count(*) filter (where role = 'user')::int as users
     from messages where owner_id like 'bench-user-%' and conversation_id like $1`,
    [`${prefix}%`],
  );
  return rows[0];
}

async function measure(ctx, target, prefix) {
  await createConversations(ctx.databaseUrl, prefix);
  const makeRequest = turnRequests(prefix);
  const warm = await closedLoop({
    origin: target.origin,
    connections: CONNECTIONS,
    durationS: ctx.quick ? 1 : 5,
    maxRequests: 50000,
    makeRequest,
  });
  await settle(target.pid);
  const { result, cpuMs, loadGenCpuMs, coreUse } = await withCpu(target.pid, () =>
    closedLoop({
      origin: target.origin,
      connections: CONNECTIONS,
      durationS: ctx.quick ? 3 : 15,
      maxRequests: 200000,
      makeRequest: (i) => makeRequest(i + warm.requests),
    }),
  );
  await settle(target.pid); // turns still in flight at the stop finish and are stored
  const stored = await storedTurns(ctx.databaseUrl, prefix);
  const ok = warm.ok + result.ok;
  return {
    rps: round(result.rps, 1),
    p50: round(result.latency.p50),
    p99: round(result.latency.p99),
    cpuMsPerReq: round(cpuMs / Math.max(1, result.requests), 3),
    requests: result.requests,
    statuses: result.statuses,
    errors: result.errors + warm.errors,
    // Every answered request stored; every stored user message has its complete answer (turns
    // cut off by the end of the load still finish).
    stored: {
      ...stored,
      answered: ok,
      allStored: stored.complete >= ok && stored.users === stored.complete,
    },
    coreUse,
    loadGenCpuPct: round((100 * loadGenCpuMs) / (result.durationS * 1000), 1),
  };
}

/** The framework's own cost: GET /health (no database) on the same connections. */
async function floor(ctx, target) {
  const makeRequest = () => ({
    method: 'GET',
    path: '/health',
    headers: { 'x-user-id': 'bench-user-0' },
  });
  await closedLoop({
    origin: target.origin,
    connections: CONNECTIONS,
    durationS: 1,
    maxRequests: 50000,
    makeRequest,
  });
  await settle(target.pid);
  const { result, cpuMs } = await withCpu(target.pid, () =>
    closedLoop({
      origin: target.origin,
      connections: CONNECTIONS,
      durationS: ctx.quick ? 1.5 : 5,
      maxRequests: 100000,
      makeRequest,
    }),
  );
  return { rps: round(result.rps, 1), cpuMsPerReq: round(cpuMs / Math.max(1, result.requests), 3) };
}

async function run(ctx, { service, baseline }) {
  ctx.log('[1] non-streaming turns (mock model, no delay)');
  const base = await measure(ctx, baseline, 'bench-b-');
  ctx.log(`    baseline: ${base.rps} turns/s, p50 ${base.p50} ms, ${base.cpuMsPerReq} CPU ms/turn`);
  const svc = await measure(ctx, service, 'bench-s-');
  ctx.log(`    service:  ${svc.rps} turns/s, p50 ${svc.p50} ms, ${svc.cpuMsPerReq} CPU ms/turn`);
  const health = { service: await floor(ctx, service), baseline: await floor(ctx, baseline) };
  ctx.log(
    `    GET /health: service ${health.service.cpuMsPerReq}, baseline ${health.baseline.cpuMsPerReq} CPU ms/req`,
  );
  const ratio = round(svc.rps / base.rps, 2);
  const failures = Object.entries(svc.statuses).filter(([s]) => s < 200 || s >= 300);
  return {
    id: 1,
    name: 'Non-streaming turns (mock, no delay)',
    connections: CONNECTIONS,
    service: svc,
    baseline: base,
    ratio,
    health,
    checks: [
      { what: 'turns/s', value: svc.rps, target: '>= 500', pass: svc.rps >= 500 },
      { what: 'rate vs baseline', value: ratio, target: '>= 0.5x', pass: ratio >= 0.5 },
      {
        what: 'service CPU ms/turn',
        value: svc.cpuMsPerReq,
        target: '<= 2',
        pass: svc.cpuMsPerReq <= 2,
      },
      {
        what: 'every turn answered and stored',
        value: `${svc.stored.complete}/${svc.stored.users}`,
        target: 'all',
        pass: svc.stored.allStored && failures.length === 0 && svc.errors === 0,
      },
    ],
  };
}

module.exports = { run };
