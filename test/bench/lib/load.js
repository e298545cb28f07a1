'use strict';
// Load generators, both bounded in time and in requests:
//  - closedLoop: autocannon with N keep-alive connections (maximum throughput);
//  - openLoop: a fixed arrival rate whatever the answers do (latency at a given rate), with each
//    latency counted from the request's scheduled time, so a stalled server is not hidden.
const autocannon = require('autocannon');
const { performance } = require('node:perf_hooks');
const { keepAliveAgent, request } = require('./http-client');
const { Samples } = require('./stats');

/**
 * `makeRequest(i)` -> { method, path, headers, body }. Resolves with throughput, latencies (ms,
 * sub-ms), status counts and errors.
 */
function closedLoop({ origin, connections, durationS, maxRequests, makeRequest }) {
  return new Promise((resolve, reject) => {
    let issued = 0;
    const latencies = new Samples();
    const statuses = {};
    const first = makeRequest(0);
    const instance = autocannon(
      {
        url: origin,
        connections,
        duration: durationS,
        maxOverallRequests: maxRequests,
        timeout: 30,
        requests: [
          {
            method: first.method,
            setupRequest: (req) => {
              const next = makeRequest(issued);
              issued += 1;
              return { ...req, ...next };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const elapsedS = (performance.now() - startedAt) / 1000;
        const ok = Object.entries(statuses)
          .filter(([status]) => status >= 200 && status < 300)
          .reduce((sum, [, n]) => sum + n, 0);
        resolve({
          mode: 'closed',
          connections,
          durationS: elapsedS,
          requests: latencies.length,
          ok,
          rps: ok / elapsedS,
          statuses,
          errors: result.errors,
          timeouts: result.timeouts,
          latency: latencies.summary(),
        });
      },
    );
    const startedAt = performance.now();
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses[statusCode] = (statuses[statusCode] || 0) + 1;
      latencies.add(responseTime);
    });
  });
}

/**
 * Sends `rate` requests per second for `durationS` seconds (at most rate x duration requests),
 * whatever the answers do. `check(result, spec)` may return an error string for a bad answer;
 * `observe(result, spec, scheduledAt)` sees each good one (spec may carry an `onData`).
 */
async function openLoop(options) {
  const { origin, rate, durationS, makeRequest, check, observe, keepBody = false } = options;
  const timeoutMs = options.timeoutMs || 30000;
  const agent = keepAliveAgent();
  const total = Math.round(rate * durationS);
  const latencies = new Samples();
  const firstBytes = new Samples();
  const statuses = {};
  const errors = {};
  const pending = [];
  const startedAt = performance.now();
  let sent = 0;
  let maxLateMs = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && startedAt + (sent * 1000) / rate <= now) {
        const scheduled = startedAt + (sent * 1000) / rate;
        maxLateMs = Math.max(maxLateMs, now - scheduled);
        const spec = makeRequest(sent);
        sent += 1;
        pending.push(
          request(origin + spec.path, { ...spec, agent, timeoutMs, keepBody }).then((result) => {
            statuses[result.status] = (statuses[result.status] || 0) + 1;
            const problem = result.error || (check ? check(result, spec) : undefined);
            if (problem) errors[problem] = (errors[problem] || 0) + 1;
            else {
              latencies.add(result.endAt - scheduled);
              firstBytes.add(result.firstByteAt - scheduled);
              if (observe) observe(result, spec, scheduled);
            }
          }),
        );
      }
      if (sent >= total) return resolve();
      const next = startedAt + (sent * 1000) / rate;
      setTimeout(tick, Math.max(0, next - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  agent.destroy();
  const elapsedS = (performance.now() - startedAt) / 1000;
  const ok = latencies.length;
  return {
    mode: 'open',
    rate,
    durationS: elapsedS,
    requests: sent,
    ok,
    rps: ok / elapsedS,
    statuses,
    errors,
    maxSchedulerLateMs: maxLateMs,
    latency: latencies.summary(),
    firstByte: firstBytes.summary(),
  };
}

module.exports = { closedLoop, openLoop };
