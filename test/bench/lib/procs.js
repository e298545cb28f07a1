'use strict';
// Child processes of the benchmark: started pinned to a core, tracked, and always stopped, even
// when the runner fails or is interrupted. Also reads CPU time and RSS from /proc.
const { spawn, spawnSync } = require('node:child_process');
const { closeSync, existsSync, openSync, readFileSync } = require('node:fs');
const http = require('node:http');
const { setTimeout: sleep } = require('node:timers/promises');

const children = new Set();

const clockTicks = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const value = Number(String(out.stdout || '').trim());
  return Number.isFinite(value) && value > 0 ? value : 100;
})();

function hasTaskset() {
  const out = spawnSync('taskset', ['--version'], { encoding: 'utf8' });
  return out.status === 0;
}

const TASKSET = hasTaskset();

/** Pins this process (and, by inheritance, what it starts without taskset) to one core. */
function pinSelf(core) {
  if (!TASKSET) return false;
  return spawnSync('taskset', ['-cp', String(core), String(process.pid)]).status === 0;
}

/**
 * Starts `node <args>` pinned to `core` (`taskset -c core node ...`: taskset execs node, so the
 * child's pid is node's). Output goes to `logFile`. Returns the ChildProcess, tracked for cleanup.
 */
function startNode(name, { core, args, env, cwd, logFile, ipc = false }) {
  const fd = openSync(logFile, 'a');
  const command = TASKSET ? 'taskset' : process.execPath;
  const argv = TASKSET ? ['-c', String(core), process.execPath, ...args] : args;
  const stdio = ['ignore', fd, fd];
  if (ipc) stdio.push('ipc');
  const child = spawn(command, argv, { cwd, env, stdio });
  closeSync(fd);
  child.benchName = name;
  children.add(child);
  child.exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  return child;
}

/** Stops one child: SIGTERM, then SIGKILL after `graceMs`. */
async function stop(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = sleep(graceMs).then(() => 'timeout');
  if ((await Promise.race([child.exited, timer])) === 'timeout') {
    child.kill('SIGKILL');
    await child.exited;
  }
}

async function stopAll(graceMs = 5000) {
  await Promise.all([...children].map((child) => stop(child, graceMs)));
}

function killAllNow() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Cleanup on every way out: normal exit, Ctrl-C, SIGTERM, uncaught errors. */
function installExitHandlers(cleanup) {
  let cleaning = false;
  const bail = (code, reason) => {
    if (cleaning) return;
    cleaning = true;
    if (reason) process.stderr.write(`\n${reason}: stopping everything the benchmark started\n`);
    Promise.race([cleanup(), sleep(15000)])
      .catch((error) => process.stderr.write(`cleanup failed: ${error.message}\n`))
      .finally(() => {
        killAllNow();
        process.exit(code);
      });
  };
  process.on('exit', killAllNow);
  process.on('SIGINT', () => bail(130, 'SIGINT'));
  process.on('SIGTERM', () => bail(143, 'SIGTERM'));
  process.on('uncaughtException', (error) => {
    process.stderr.write(`${error.stack || error}\n`);
    bail(1, 'uncaught exception');
  });
  process.on('unhandledRejection', (error) => {
    process.stderr.write(`${(error && error.stack) || error}\n`);
    bail(1, 'unhandled rejection');
  });
}

/** User + system CPU time of a process in milliseconds (from /proc/<pid>/stat). */
function cpuTimeMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / clockTicks;
}

/** Resident set size in bytes (VmRSS of /proc/<pid>/status). */
function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return match ? Number(match[1]) * 1024 : NaN;
}

/** Busy and total jiffies of the whole machine, per core (from /proc/stat). */
function machineCpu() {
  const lines = readFileSync('/proc/stat', 'utf8').split('\n');
  const cores = {};
  for (const line of lines) {
    const match = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const v = match[2].split(/\s+/).map(Number);
    const idle = v[3] + (v[4] || 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    cores[match[1]] = { busy: total - idle, total };
  }
  return cores;
}

/** Utilisation (0..1) of each core between two machineCpu() samples. */
function coreUse(before, after) {
  const out = {};
  for (const core of Object.keys(after)) {
    const total = after[core].total - before[core].total;
    out[core] = total > 0 ? (after[core].busy - before[core].busy) / total : 0;
  }
  return out;
}

function loadAverage() {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

/** Polls `url` until it answers 200; fails early when `child` exits. */
async function waitForHttp(url, { timeoutMs = 60000, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`${child.benchName} exited (code ${child.exitCode}) before it was ready`);
    }
    const status = await new Promise((resolve) => {
      const req = http.get(url, { agent: false, timeout: 1000 }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(0));
    });
    if (status === 200) return;
    await sleep(100);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** Samples RSS (and CPU) of a pid every `everyMs` until stopped; returns the maximum RSS. */
function sampleRss(pid, everyMs = 200) {
  const samples = [];
  const take = () => {
    if (existsSync(`/proc/${pid}`)) samples.push({ t: Date.now(), rss: rssBytes(pid) });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      const max = samples.reduce((m, s) => Math.max(m, s.rss), 0);
      return { maxRss: max, samples };
    },
  };
}

module.exports = {
  TASKSET,
  pinSelf,
  startNode,
  stop,
  stopAll,
  killAllNow,
  installExitHandlers,
  cpuTimeMs,
  rssBytes,
  machineCpu,
  coreUse,
  loadAverage,
  waitForHttp,
  sampleRss,
};
