'use strict';
// Target 5: the stateless proxy `POST /chat` (non-streaming, Anthropic Messages payload, the
// Bedrock adapter's InvokeModel) against the emulator with no delay: maximum rate (closed loop),
// then p50 at half that rate through the service vs InvokeModel straight to the emulator.
// When the route does not exist yet, the scenario reports "not available yet".
const { request } = require('../lib/http-client');
const { closedLoop, openLoop } = require('../lib/load');
const { round } = require('../lib/stats');
const { settle, withCpu } = require('../lib/targets');

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

const payload = (i) => ({
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 256,
  messages: [{ role: 'user', content: `What are SQL injection attacks? (${i})` }],
});

const viaService = (i) => ({
  method: 'POST',
  path: '/chat',
  headers: { 'content-type': 'application/json', 'x-user-id': `proxy-user-${i % 100}` },
  body: JSON.stringify({ mode: 'chat', payload: payload(i) }),
});

const direct = (i) => ({
  method: 'POST',
  path: `/model/${encodeURIComponent(MODEL)}/invoke`,
  headers: {
    'content-type': 'application/json',
    authorization: 'AWS4-HMAC-SHA256 Credential=bench/20250101/us-east-1/bedrock/aws4_request',
  },
  body: JSON.stringify(payload(i)),
});

const okStatus = (result) => (result.status === 200 ? undefined : `status ${result.status}`);

async function run(ctx, { service, emulator }) {
  ctx.log('[5] proxy /chat (non-streaming, emulator without delay)');
  await emulator.configure({ firstByteDelayMs: 0, chunkDelayMs: 0 });
  const probe = await request(`${service.origin}/chat`, { ...viaService(0), keepBody: true });
  let answer;
  try {
    answer = JSON.parse(probe.body).answer;
  } catch {
    answer = undefined;
  }
  if (probe.status === 404 || probe.status === 405) {
    ctx.log(`    POST /chat answers ${probe.status}: not available yet`);
    return {
      id: 5,
      name: 'Proxy /chat',
      available: false,
      probe: { status: probe.status, body: (probe.body || '').slice(0, 300) },
      checks: [
        { what: 'proxy /chat', value: 'not available yet', target: '>= 1000 req/s', pass: null },
      ],
    };
  }
  if (probe.status !== 200 || typeof answer !== 'string') {
    throw new Error(`POST /chat answered ${probe.status}: ${(probe.body || '').slice(0, 300)}`);
  }
  const seconds = ctx.quick ? 2 : 10;
  await closedLoop({
    origin: service.origin,
    connections: 32,
    durationS: ctx.quick ? 1 : 2,
    maxRequests: 20000,
    makeRequest: viaService,
  });
  await settle(service.pid);
  const max = await withCpu(service.pid, () =>
    closedLoop({
      origin: service.origin,
      connections: 32,
      durationS: seconds,
      maxRequests: 200000,
      makeRequest: viaService,
    }),
  );
  await settle(service.pid);
  const rate = Math.max(1, Math.floor(max.result.rps / 2));
  const svc = await openLoop({
    origin: service.origin,
    rate,
    durationS: seconds,
    makeRequest: viaService,
    check: okStatus,
  });
  const alone = await openLoop({
    origin: emulator.url,
    rate,
    durationS: seconds,
    makeRequest: direct,
    check: okStatus,
  });
  await emulator.clear();
  const overhead = round(svc.latency.p50 - alone.latency.p50);
  const rps = round(max.result.rps, 1);
  ctx.log(
    `    ${rps} req/s; at ${rate}/s p50 ${round(svc.latency.p50)} ms vs emulator ${round(alone.latency.p50)} ms`,
  );
  return {
    id: 5,
    name: 'Proxy /chat (emulator, no delay)',
    available: true,
    maxRate: rps,
    cpuMsPerReq: round(max.cpuMs / Math.max(1, max.result.requests), 3),
    rate,
    service: { p50: round(svc.latency.p50), p99: round(svc.latency.p99), errors: svc.errors },
    emulator: { p50: round(alone.latency.p50), p99: round(alone.latency.p99) },
    overheadP50: overhead,
    checks: [
      { what: 'proxy req/s', value: rps, target: '>= 1000', pass: rps >= 1000 },
      { what: 'proxy p50 overhead ms', value: overhead, target: '<= 2', pass: overhead <= 2 },
      {
        what: 'all proxy requests answered',
        value: `${svc.ok}/${svc.requests}`,
        target: 'all',
        pass: Object.keys(svc.errors).length === 0 && max.result.errors === 0,
      },
    ],
  };
}

module.exports = { run };
