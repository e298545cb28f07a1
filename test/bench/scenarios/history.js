'use strict';
// Target 4: history at scale (see seed-history.js). Open loop at 200 requests/s, each request for
// a random seeded user: (a) list the user's conversations (first page, 50), (b) read the user's
// 200-message conversation, and (c) that read again at 100/s. Each kind runs on its own, against
// the baseline and the service.
const { request } = require('../lib/http-client');
const { openLoop } = require('../lib/load');
const { round } = require('../lib/stats');
const { settle, withCpu } = require('../lib/targets');

const RATE = 200;
/** Kinds measured at their own rate: the read again at half the target rate, where one core
 * keeps up, so its latency shows the work of a read apart from the queue at 200/s. */
const RATES = { list: RATE, read: RATE, readHalfRate: RATE / 2 };

function randomUser(users) {
  return `hist-user-${Math.floor(Math.random() * users)}`;
}

const KINDS = {
  list: (users) => () => ({
    method: 'GET',
    path: '/api/v1/conversations?limit=50',
    headers: { 'x-user-id': randomUser(users) },
  }),
  read: (users) => () => ({
    method: 'GET',
    path: '/api/v1/conversations/chat-0',
    headers: { 'x-user-id': randomUser(users) },
  }),
};
KINDS.readHalfRate = KINDS.read;

/** One full check of each answer's shape before timing anything. */
async function verify(target) {
  const list = await request(`${target.origin}/api/v1/conversations?limit=50`, {
    headers: { 'x-user-id': 'hist-user-1' },
    keepBody: true,
  });
  const read = await request(`${target.origin}/api/v1/conversations/chat-0`, {
    headers: { 'x-user-id': 'hist-user-1' },
    keepBody: true,
  });
  const items = list.status === 200 ? JSON.parse(list.body).items.length : -1;
  const messages = read.status === 200 ? JSON.parse(read.body).messages.length : -1;
  return { listItems: items, readMessages: messages, readBytes: (read.body || '').length };
}

async function measureKind(ctx, target, kind) {
  const makeRequest = KINDS[kind](ctx.seed.users);
  const check = (result) => (result.status === 200 ? undefined : `status ${result.status}`);
  const rate = RATES[kind];
  await openLoop({
    origin: target.origin,
    rate,
    durationS: ctx.quick ? 0.5 : 3,
    makeRequest,
  });
  await settle(target.pid);
  const { result, cpuMs, coreUse } = await withCpu(target.pid, () =>
    openLoop({
      origin: target.origin,
      rate,
      durationS: ctx.quick ? 2.5 : 20,
      makeRequest,
      check,
    }),
  );
  await settle(target.pid);
  return {
    rate,
    requests: result.requests,
    ok: result.ok,
    errors: result.errors,
    p50: round(result.latency.p50),
    p99: round(result.latency.p99),
    max: round(result.latency.max),
    cpuMsPerReq: round(cpuMs / Math.max(1, result.requests), 3),
    coreUse,
  };
}

async function run(ctx, { service, baseline }) {
  ctx.log(
    `[4] history: ${ctx.seed.messages} messages, ${ctx.seed.conversations} conversations, ${ctx.seed.users} users`,
  );
  const out = { service: {}, baseline: {}, shape: {} };
  for (const [name, target] of [
    ['baseline', baseline],
    ['service', service],
  ]) {
    out.shape[name] = await verify(target);
    for (const kind of Object.keys(KINDS)) {
      out[name][kind] = await measureKind(ctx, target, kind);
      const m = out[name][kind];
      ctx.log(`    ${name} ${kind}: p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.cpuMsPerReq} CPU ms/req`);
    }
  }
  const s = out.service;
  const shapeOk = out.shape.service.readMessages === 200 && out.shape.service.listItems === 25;
  return {
    id: 4,
    name: 'History at scale (200 req/s)',
    seed: ctx.seed,
    ...out,
    checks: [
      {
        what: 'list conversations p99 ms',
        value: s.list.p99,
        target: '<= 20',
        pass: s.list.p99 <= 20,
      },
      {
        what: 'read 200-message conversation p99 ms',
        value: s.read.p99,
        target: '<= 20',
        pass: s.read.p99 <= 20,
      },
      {
        what: 'answers complete (25 conversations, 200 messages)',
        value: `${out.shape.service.listItems}, ${out.shape.service.readMessages}`,
        target: '25, 200',
        pass: shapeOk,
      },
      {
        what: 'every history request answered 200',
        value: `${s.list.ok + s.read.ok + s.readHalfRate.ok}/${s.list.requests + s.read.requests + s.readHalfRate.requests}`,
        target: 'all',
        pass: Object.keys(KINDS).every((kind) => Object.keys(s[kind].errors).length === 0),
      },
    ],
  };
}

module.exports = { run };
