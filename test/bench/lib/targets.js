'use strict';
// The processes under test: the service (production build), the bare baseline and the Bedrock
// emulator. The service and the baseline are pinned to core 0; the emulator runs on core 1 with
// the load generator (the runner pins itself there), so core 0 carries only the process measured.
const { join } = require('node:path');
const { createServer } = require('node:net');
const procs = require('./procs');

const SERVICE_CORE = 0;
const LOAD_CORE = 1;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A clean environment: nothing from the caller's shell (REDIS_URL, .env habits) leaks in. */
function baseEnv() {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME || '/tmp' };
  if (process.env.TZ) env.TZ = process.env.TZ;
  return env;
}

/**
 * Starts the service from the snapshot: `taskset -c 0 node dist/apps/api/main.js` with
 * NODE_ENV=production, an explicit DATABASE_URL, LLM_PROVIDER and AUTH_MODE, LOG_LEVEL=info
 * (lines go to a log file), rate limits raised (one benchmark client is not many users).
 */
async function startService(ctx, name, settings, { nodeArgs = [] } = {}) {
  const port = await freePort();
  const env = {
    ...baseEnv(),
    NODE_ENV: 'production',
    DATABASE_URL: ctx.databaseUrl,
    AUTH_MODE: 'none',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: String(port),
    MIGRATE_ON_START: 'false',
    RATE_LIMIT_CHAT: '100000000/60s',
    RATE_LIMIT_READ: '100000000/60s',
    SHUTDOWN_GRACE_MS: '2000',
    ...settings,
    ...ctx.serviceEnv,
  };
  const profile = ctx.profile
    ? [`--cpu-prof`, `--cpu-prof-dir=${ctx.profileDir}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
  const child = procs.startNode(name, {
    core: SERVICE_CORE,
    args: [
      ...profile,
      ...(ctx.serviceNodeArgs || []),
      ...nodeArgs,
      join(ctx.appDir, 'dist/apps/api/main.js'),
    ],
    env,
    cwd: ctx.appDir,
    logFile: join(ctx.logDir, `${name}.log`),
  });
  const origin = `http://127.0.0.1:${port}`;
  await procs.waitForHttp(`${origin}/health`, { child, timeoutMs: 60000 });
  ctx.log(`  ${name}: pid ${child.pid} on core ${SERVICE_CORE}, ${origin}`);
  return { name, origin, pid: child.pid, child, settings, stop: () => procs.stop(child, 8000) };
}

async function startBaseline(ctx, name = 'baseline', extraEnv = {}) {
  const port = await freePort();
  const child = procs.startNode(name, {
    core: SERVICE_CORE,
    args: [join(__dirname, '..', 'baseline-server.js')],
    env: {
      ...baseEnv(),
      NODE_ENV: 'production',
      DATABASE_URL: ctx.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_POOL_MAX: '20',
      BENCH_APP_DIR: ctx.appDir,
      ...extraEnv,
    },
    cwd: ctx.root,
    logFile: join(ctx.logDir, `${name}.log`),
  });
  const origin = `http://127.0.0.1:${port}`;
  await procs.waitForHttp(`${origin}/health`, { child });
  ctx.log(`  ${name}: pid ${child.pid} on core ${SERVICE_CORE}, ${origin}`);
  return { name, origin, pid: child.pid, child, stop: () => procs.stop(child) };
}

/** The emulator process, configured over IPC. */
async function startEmulator(ctx) {
  const child = procs.startNode('emulator', {
    core: LOAD_CORE,
    args: [join(__dirname, '..', 'emulator-process.js')],
    env: { ...baseEnv(), BENCH_APP_DIR: ctx.appDir, BENCH_EPOCH_MS: String(ctx.epochMs) },
    cwd: ctx.appDir,
    logFile: join(ctx.logDir, 'emulator.log'),
    ipc: true,
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the emulator did not start in 30 s')), 30000);
    child.once('exit', (code) => reject(new Error(`the emulator exited (code ${code})`)));
    child.on('message', (message) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.url);
      }
    });
  });
  let next = 0;
  const call = (message) =>
    new Promise((resolve, reject) => {
      const id = (next += 1);
      const timer = setTimeout(
        () => reject(new Error(`emulator IPC ${message.type} timed out`)),
        10000,
      );
      const onMessage = (reply) => {
        if (reply.id !== id) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(reply);
      };
      child.on('message', onMessage);
      child.send({ ...message, id });
    });
  ctx.log(`  emulator: pid ${child.pid} on core ${LOAD_CORE}, ${url}`);
  return {
    url,
    pid: child.pid,
    configure: (behaviour) => call({ type: 'configure', behaviour }),
    clear: () => call({ type: 'clear' }),
    stats: () => call({ type: 'stats' }),
    stop: () => procs.stop(child),
  };
}

/** Settings of a service using the Bedrock adapter against the emulator. */
function bedrockSettings(emulatorUrl, extra = {}) {
  return {
    LLM_PROVIDER: 'bedrock',
    BEDROCK_ENDPOINT_URL: emulatorUrl,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    ...extra,
  };
}

/**
 * Waits until `pid` is idle (under 10% of a core over two 250 ms windows, at most `maxMs`): a
 * closed-loop phase leaves requests in flight when it stops (a turn outlives its connection),
 * and the next phase must not measure their tail.
 */
async function settle(pid, maxMs = 15000) {
  const deadline = Date.now() + maxMs;
  let quiet = 0;
  while (Date.now() < deadline && quiet < 2) {
    const before = procs.cpuTimeMs(pid);
    await new Promise((resolve) => setTimeout(resolve, 250));
    quiet = procs.cpuTimeMs(pid) - before <= 25 ? quiet + 1 : 0;
  }
}

/** Runs `fn` and reports the CPU time `pid` used meanwhile, and each core's utilisation. */
async function withCpu(pid, fn) {
  const cpuBefore = procs.cpuTimeMs(pid);
  const selfBefore = process.cpuUsage();
  const machineBefore = procs.machineCpu();
  const result = await fn();
  const cpuMs = procs.cpuTimeMs(pid) - cpuBefore;
  const self = process.cpuUsage(selfBefore);
  return {
    result,
    cpuMs,
    loadGenCpuMs: (self.user + self.system) / 1000,
    coreUse: procs.coreUse(machineBefore, procs.machineCpu()),
  };
}

module.exports = {
  SERVICE_CORE,
  LOAD_CORE,
  startService,
  startBaseline,
  startEmulator,
  bedrockSettings,
  settle,
  withCpu,
};
