'use strict';
// Scenario 6: the OpenAI-compatible `POST /v1/chat/completions` (non-streaming, the Bedrock
// adapter's Converse) beside the proxy's `POST /chat` (InvokeModel), both on the same service
// and emulator (no delay) in the same run: CPU per request at the maximum rate (closed loop),
// then the p50 each adds over its own upstream call made straight to the emulator, at one rate.
const { request } = require('../lib/http-client');
const { closedLoop, openLoop } = require('../lib/load');
const { round } = require('../lib/stats');
const { settle, withCpu } = require('../lib/targets');

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const AUTH = 'AWS4-HMAC-SHA256 Credential=bench/20250101/us-east-1/bedrock/aws4_request';
const question = (i) => `What are SQL injection attacks? (${i})`;
const user = (i) => `openai-bench-${i % 100}`;

const ROUTES = {
  openai: {
    name: '/v1/chat/completions',
    viaService: (i) => ({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { 'content-type': 'application/json', 'x-user-id': user(i) },
      body: JSON.stringify({
        model: MODEL,
        max_tokens: 256,
        messages: [{ role: 'user', content: question(i) }],
      }),
    }),
    direct: (i) => ({
      method: 'POST',
      path: `/model/${encodeURIComponent(MODEL)}/converse`,
      headers: { 'content-type': 'application/json', authorization: AUTH },
      body: JSON.stringify({
        messages: [{ role: 'user', content: [{ text: question(i) }] }],
        inferenceConfig: { maxTokens: 256 },
      }),
    }),
    answered: (body) => typeof body.choices?.[0]?.message?.content === 'string',
  },
  chat: {
    name: '/chat',
    viaService: (i) => ({
      method: 'POST',
      path: '/chat',
      headers: { 'content-type': 'application/json', 'x-user-id': user(i) },
      body: JSON.stringify({
        mode: 'chat',
        payload: { max_tokens: 256, messages: [{ role: 'user', content: question(i) }] },
      }),
    }),
    direct: (i) => ({
      method: 'POST',
      path: `/model/${encodeURIComponent(MODEL)}/invoke`,
      headers: { 'content-type': 'application/json', authorization: AUTH },
      body: JSON.stringify({
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 256,
        messages: [{ role: 'user', content: question(i) }],
      }),
    }),
    answered: (body) => typeof body.answer === 'string',
  },
};

const okStatus = (result) => (result.status === 200 ? undefined : `status ${result.status}`);

async function probe(service, route) {
  const res = await request(`${service.origin}${route.viaService(0).path}`, {
    ...route.viaService(0),
    keepBody: true,
  });
  let body;
  try {
    body = JSON.parse(res.body);
  } catch {
    body = {};
  }
  if (res.status !== 200 || !route.answered(body)) {
    throw new Error(`${route.name} answered ${res.status}: ${(res.body || '').slice(0, 300)}`);
  }
}

async function maxRate(ctx, service, route) {
  const seconds = ctx.quick ? 2 : 10;
  const loop = (durationS, maxRequests) =>
    closedLoop({
      origin: service.origin,
      connections: 32,
      durationS,
      maxRequests,
      makeRequest: route.viaService,
    });
  await loop(ctx.quick ? 1 : 2, 20000);
  await settle(service.pid);
  const max = await withCpu(service.pid, () => loop(seconds, 200000));
  await settle(service.pid);
  return {
    rps: round(max.result.rps, 1),
    cpuMsPerReq: round(max.cpuMs / Math.max(1, max.result.requests), 3),
    errors: max.result.errors,
  };
}

async function latency(ctx, service, emulator, route, rate) {
  const durationS = ctx.quick ? 2 : 10;
  const svc = await openLoop({
    origin: service.origin,
    rate,
    durationS,
    makeRequest: route.viaService,
    check: okStatus,
  });
  const alone = await openLoop({
    origin: emulator.url,
    rate,
    durationS,
    makeRequest: route.direct,
    check: okStatus,
  });
  return {
    service: { p50: round(svc.latency.p50), p99: round(svc.latency.p99), errors: svc.errors },
    emulator: { p50: round(alone.latency.p50), p99: round(alone.latency.p99) },
    addedP50: round(svc.latency.p50 - alone.latency.p50),
    allAnswered: Object.keys(svc.errors).length === 0,
  };
}

async function run(ctx, { service, emulator }) {
  ctx.log('[6] OpenAI-compatible /v1/chat/completions beside /chat (emulator without delay)');
  await emulator.configure({ firstByteDelayMs: 0, chunkDelayMs: 0 });
  for (const route of Object.values(ROUTES)) await probe(service, route);
  const openaiMax = await maxRate(ctx, service, ROUTES.openai);
  const chatMax = await maxRate(ctx, service, ROUTES.chat);
  // One rate for both: half the slower route's maximum.
  const rate = Math.max(1, Math.floor(Math.min(openaiMax.rps, chatMax.rps) / 2));
  const openaiLatency = await latency(ctx, service, emulator, ROUTES.openai, rate);
  const chatLatency = await latency(ctx, service, emulator, ROUTES.chat, rate);
  await emulator.clear();
  ctx.log(
    `    /v1: ${openaiMax.rps} req/s, ${openaiMax.cpuMsPerReq} CPU ms/req, +${openaiLatency.addedP50} ms p50; ` +
      `/chat: ${chatMax.rps} req/s, ${chatMax.cpuMsPerReq} CPU ms/req, +${chatLatency.addedP50} ms p50 (at ${rate}/s)`,
  );
  return {
    id: 6,
    name: 'OpenAI-compatible route beside /chat (emulator, no delay)',
    rate,
    openai: { ...openaiMax, ...openaiLatency },
    chat: { ...chatMax, ...chatLatency },
    checks: [
      {
        what: '/v1 CPU ms/req vs /chat',
        value: `${openaiMax.cpuMsPerReq} vs ${chatMax.cpuMsPerReq}`,
        target: 'reported',
        pass: null,
      },
      {
        // Relative to /chat in the same run: a shared machine moves both alike.
        what: '/v1 added p50 ms vs /chat',
        value: `${openaiLatency.addedP50} vs ${chatLatency.addedP50}`,
        target: '<= /chat + 2',
        pass: openaiLatency.addedP50 <= chatLatency.addedP50 + 2,
      },
      {
        what: 'all /v1 and /chat requests answered',
        value: openaiLatency.allAnswered && chatLatency.allAnswered ? 'all' : 'errors',
        target: 'all',
        pass:
          openaiLatency.allAnswered &&
          chatLatency.allAnswered &&
          openaiMax.errors === 0 &&
          chatMax.errors === 0,
      },
    ],
  };
}

module.exports = { run };
