#!/usr/bin/env node
'use strict';
// `npm run bench` (full) / `npm run bench -- --quick` (smoke run, under 2 minutes once built).
//
// Options: --quick, --only=1,3 (scenarios), --profile (service under --cpu-prof; profiles in
// test/bench/results/profiles/<run>/, summarise with test/bench/profile-summary.js), --keep-db,
// --app=<folder holding a built dist/> (benchmark that build as it is, e.g. an experiment's copy),
// --service-node-args="<node flags>" (added to the service's node command line),
// --service-env=K=V,K2=V2 (added to the service's environment).
// Env: BENCH_DATABASE_URL (admin URL of a PostgreSQL to create the bench database on; default
// the machine's 127.0.0.1:5432, else an embedded PostgreSQL).
//
// The runner pins itself (and so the load generator and the emulator) to core 1 and the service
// and the bare baseline to core 0. Results: test/bench/results/<run>.json and a table on stdout;
// the exit code is 1 when a target is missed.
const { mkdirSync, writeFileSync, copyFileSync } = require('node:fs');
const { join } = require('node:path');
const os = require('node:os');
const { execFileSync } = require('node:child_process');
const procs = require('./lib/procs');
const { ROOT, RESULTS, prepareApp } = require('./lib/app');
const db = require('./lib/database');
const targets = require('./lib/targets');
const { printTables } = require('./lib/report');
const { seed } = require('./seed-history');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
/** The value of `--name=value`, or undefined. */
function option(name) {
  const found = args.find((a) => a.startsWith(`--${name}=`));
  return found === undefined ? undefined : found.slice(name.length + 3);
}
const only = (option('only') || '1,2,3,4,5,6').split(',').map(Number);
const wants = (id) => only.includes(id);

const runId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${quick ? 'quick' : 'full'}`;
const ctx = {
  quick,
  root: ROOT,
  runId,
  epochMs: Date.now(),
  logDir: join(RESULTS, 'logs', runId),
  profile: args.includes('--profile'),
  // --service-node-args="--max-semi-space-size=64": extra node flags for the service (experiments).
  serviceNodeArgs: (option('service-node-args') || '').split(' ').filter(Boolean),
  // --service-env=LOG_SYNC=true,STREAM_CHECKPOINT_MS=500: settings added to every service's env.
  serviceEnv: Object.fromEntries(
    (option('service-env') || '')
      .split(',')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  ),
  profileDir: join(RESULTS, 'profiles', runId),
  log: (message) => process.stdout.write(`${message}\n`),
};

let server;
let databaseName;
const started = [];

async function cleanup() {
  await Promise.all([...started].map((t) => t.stop().catch(() => undefined)));
  await procs.stopAll();
  if (server && databaseName && !args.includes('--keep-db')) {
    await db
      .dropDatabase(server.adminUrl, databaseName)
      .catch((e) => ctx.log(`could not drop ${databaseName}: ${e.message}`));
  }
  if (server) await server.close().catch(() => undefined);
}

function track(target) {
  started.push(target);
  const stop = target.stop;
  target.stop = async () => {
    started.splice(started.indexOf(target), 1);
    await stop();
  };
  return target;
}

function machine() {
  let gitCommit = null;
  try {
    gitCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
  } catch {
    // not a git clone
  }
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0] && os.cpus()[0].model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    taskset: procs.TASKSET,
    loadAverageAtStart: procs.loadAverage(),
    gitCommit,
  };
}

async function main() {
  const t0 = Date.now();
  procs.installExitHandlers(cleanup);
  mkdirSync(ctx.logDir, { recursive: true });
  if (ctx.profile) mkdirSync(ctx.profileDir, { recursive: true });
  if (!procs.TASKSET) ctx.log('warning: taskset not found; processes are not pinned to cores');
  else procs.pinSelf(targets.LOAD_CORE);
  if (os.cpus().length < 2) ctx.log('warning: fewer than 2 cores; service and load share a core');
  const info = machine();
  if (info.loadAverageAtStart > 0.5) {
    ctx.log(
      `warning: load average ${info.loadAverageAtStart} at start: other work on this machine skews the figures`,
    );
  }

  ctx.log(`bench ${runId} (${quick ? 'quick' : 'full'}); logs in ${ctx.logDir}`);
  // --app=<folder holding dist/>: benchmark another build as it is (an experiment's copy).
  const buildStartedAt = Date.now();
  ctx.appDir = option('app') || prepareApp(ctx.log);
  const buildSeconds = Math.round((Date.now() - buildStartedAt) / 1000);
  server = await db.openServer(ctx.appDir, ctx.log);
  databaseName = `chat_bench_${process.pid}_${Date.now().toString(36)}`;
  ctx.databaseUrl = await db.createDatabase(server.adminUrl, databaseName);
  await db.migrate(ctx.appDir, ctx.databaseUrl);
  ctx.log(`database ${databaseName} on ${server.kind}`);

  const scenarios = [];
  const timed = async (promise) => {
    const t = Date.now();
    const result = await promise;
    result.seconds = Math.round((Date.now() - t) / 1000);
    return result;
  };
  if (wants(4)) {
    ctx.log(`seeding history (${quick ? 'quick: 100,000' : '1,000,000'} messages)...`);
    ctx.seed = await seed(ctx.databaseUrl, { quick, log: (m) => ctx.log(`  ${m}`) });
    ctx.log(`  seeded in ${ctx.seed.seconds} s`);
    ctx.seed.users = ctx.seed.plan.users;
  }

  if (wants(1) || wants(4)) {
    const baseline = track(await targets.startBaseline(ctx));
    const service = track(
      await targets.startService(ctx, 'service-mock', {
        LLM_PROVIDER: 'mock',
        MOCK_TOKEN_DELAY_MS: '0',
      }),
    );
    if (wants(1))
      scenarios.push(await timed(require('./scenarios/turns').run(ctx, { service, baseline })));
    if (wants(4))
      scenarios.push(await timed(require('./scenarios/history').run(ctx, { service, baseline })));
    await service.stop();
    await baseline.stop();
  }

  if (wants(2) || wants(3) || wants(5) || wants(6)) {
    const emulator = track(await targets.startEmulator(ctx));
    // The adapter's socket pool (MAX_POOL_CONNECTIONS, default 50) bounds concurrent upstream
    // calls: 1,000 streams need 1,000 sockets, and 50 sockets cap 200 ms calls at 250/s.
    const bedrock = (extra) =>
      targets.bedrockSettings(emulator.url, { MAX_POOL_CONNECTIONS: '1000', ...extra });
    if (wants(2) || wants(5) || wants(6)) {
      const service = track(await targets.startService(ctx, 'service-bedrock', bedrock()));
      if (wants(2)) {
        const baseline = track(
          await targets.startBaseline(ctx, 'baseline-bedrock', {
            BEDROCK_ENDPOINT_URL: emulator.url,
          }),
        );
        scenarios.push(
          await timed(require('./scenarios/latency').run(ctx, { service, emulator, baseline })),
        );
        await baseline.stop();
      }
      if (wants(5))
        scenarios.push(await timed(require('./scenarios/proxy').run(ctx, { service, emulator })));
      if (wants(6))
        scenarios.push(await timed(require('./scenarios/openai').run(ctx, { service, emulator })));
      await service.stop();
    }
    if (wants(3)) {
      const variants = [
        { name: 'default', settings: {} },
        {
          name: 'no-checkpoints',
          settings: { STREAM_CHECKPOINT_MS: '3600000', STREAM_LEASE_MS: '3600000' },
        },
      ].map((v) => ({
        name: v.name,
        start: async () =>
          track(await targets.startService(ctx, `service-streams-${v.name}`, bedrock(v.settings))),
      }));
      // The bare baseline doing the same work (event-stream decoding, SSE, batched checkpoints).
      variants.unshift({
        name: 'baseline',
        baseline: true,
        start: async () =>
          track(
            await targets.startBaseline(ctx, 'baseline-streams', {
              BEDROCK_ENDPOINT_URL: emulator.url,
            }),
          ),
      });
      scenarios.push(await timed(require('./scenarios/streams').run(ctx, { emulator, variants })));
    }
    await emulator.stop();
  }

  info.loadAverageAtEnd = procs.loadAverage();
  const results = {
    runId,
    mode: quick ? 'quick' : 'full',
    startedAt: new Date(t0).toISOString(),
    seconds: Math.round((Date.now() - t0) / 1000),
    buildSeconds,
    machine: info,
    database: server.kind,
    scenarios: scenarios.sort((a, b) => a.id - b.id),
  };
  const file = join(RESULTS, `${runId}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  copyFileSync(file, join(RESULTS, `latest-${results.mode}.json`));
  const missed = printTables(results, ctx.log);
  ctx.log(`\nresults: ${file} (${results.seconds} s, of which build ${buildSeconds} s)`);
  await cleanup();
  process.exit(missed > 0 ? 1 : 0);
}

main().catch(async (error) => {
  process.stderr.write(`bench failed: ${error.stack || error}\n`);
  await Promise.race([cleanup(), new Promise((r) => setTimeout(r, 15000))]).catch(() => undefined);
  procs.killAllNow();
  process.exit(2);
});
