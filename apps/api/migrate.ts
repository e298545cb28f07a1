/**
 * The production migration entry point: needs the compiled app and production dependencies only
 * (no TypeScript, no Nest CLI). The Kubernetes migration Job, the container image and
 * `npm run migration:up|down` use it.
 *
 *   node dist/apps/api/migrate.js [up]      apply every pending migration (under an advisory lock)
 *   node dist/apps/api/migrate.js down      revert the last applied migration
 *   node dist/apps/api/migrate.js check     exit 0 when none is pending, 3 when some are
 *   node dist/apps/api/migrate.js check --wait [seconds]
 *                                           wait (default 600 s) until none is pending; the
 *                                           Deployment's init container uses it so pods start
 *                                           only once the Job has migrated the database
 *
 * Settings come from the environment (and `.env` when present, as for `npm start`): DATABASE_URL,
 * else, outside production, the embedded PostgreSQL of EMBEDDED_PG_DATA_DIR.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { describeDatabaseUrl, normaliseDatabaseUrl } from '@app/platform/database/database-url';
import { canConnect, EmbeddedPostgres } from '@app/platform/database/embedded-postgres.launcher';
import { runMigrations } from '@app/platform/database/migrations.runner';
import { createRootLogger } from '@app/platform/logging/pino-logger';
import {
  ConfigurationError,
  startupFailureMessage,
  validateEnvironment,
} from './config/env.validation';
import { ormConfig } from './database/orm.config';

/** Exit code of `check` when migrations are pending (distinct from 1, a failure). */
export const PENDING_EXIT_CODE = 3;

type Command = 'up' | 'down' | 'check';

interface Invocation {
  command: Command;
  waitSeconds?: number;
}

export function parseArguments(args: string[]): Invocation {
  const [command = 'up', ...rest] = args;
  if (command !== 'up' && command !== 'down' && command !== 'check') {
    throw new ConfigurationError(
      `Unknown command "${command}": use up, down or check [--wait [seconds]]`,
    );
  }
  if (rest.length === 0) return { command };
  const [flag, seconds, ...extra] = rest;
  const waitSeconds = seconds === undefined ? 600 : Number(seconds);
  if (command !== 'check' || flag !== '--wait' || extra.length || !(waitSeconds > 0)) {
    throw new ConfigurationError(`Unexpected arguments: ${rest.join(' ')}`);
  }
  return { command, waitSeconds };
}

/** Names of the committed migrations the database has not applied yet. */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const { migrations } = ormConfig(databaseUrl);
  const known = (migrations?.migrationsList ?? []).map((m) => m.name);
  const table = migrations?.tableName ?? 'mikro_orm_migrations';
  // Read-only on purpose: several pods may ask while the Job is migrating.
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const exists = await client.query<{ present: boolean }>(
      'select to_regclass($1) is not null as present',
      [table],
    );
    if (!exists.rows[0]?.present) return known;
    const applied = await client.query<{ name: string }>(`select name from "${table}"`);
    const done = new Set(applied.rows.map((row) => row.name.replace(/\.(js|ts)$/, '')));
    return known.filter((name) => !done.has(name));
  } finally {
    await client.end();
  }
}

export interface OpenDatabase {
  url: string;
  /** For logs: host, port and database, never the password. */
  description: string;
  close(): Promise<void>;
}

/**
 * DATABASE_URL when set; else (development only: production requires DATABASE_URL) the embedded
 * PostgreSQL of `npm start`. A server already running in that data folder (an `npm start` in
 * another terminal) is used as it is and left running.
 */
export async function openDatabase(
  env: { DATABASE_URL?: string; EMBEDDED_PG_DATA_DIR: string },
  log: (message: string) => void,
): Promise<OpenDatabase> {
  if (env.DATABASE_URL) {
    const url = normaliseDatabaseUrl(env.DATABASE_URL);
    return { url, description: describeDatabaseUrl(url), close: async () => undefined };
  }
  const embedded = new EmbeddedPostgres({ dataDir: env.EMBEDDED_PG_DATA_DIR, log });
  const describe = (url: string) =>
    `embedded PostgreSQL (data in ${embedded.dataDir}, ${describeDatabaseUrl(url)})`;
  // Not through the launcher: it would take the server over and stop it when we exit.
  const running = await runningServerUrl(embedded.dataDir);
  if (running) {
    log(`embedded PostgreSQL: using the server already running in ${embedded.dataDir}`);
    return { url: running, description: describe(running), close: async () => undefined };
  }
  const url = await embedded.start();
  const close = async () => {
    // The launcher unrefs the server and its stop timer: without a handle of our own, Node
    // would exit (with code 0) while waiting for the server to stop.
    const keepAlive = setInterval(() => undefined, 1000);
    try {
      await embedded.stop();
    } finally {
      clearInterval(keepAlive);
    }
  };
  return { url, description: describe(url), close };
}

async function runningServerUrl(dataDir: string): Promise<string | undefined> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const [pid, port] = [Number(lines[0]), Number(lines[3])];
  try {
    if (!(pid > 0 && port > 0)) return undefined;
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres')) return undefined;
  } catch {
    return undefined; // a stale pid file: the launcher cleans it up
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return (await canConnect(url, 2000)) ? url : undefined;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const invocation = parseArguments(process.argv.slice(2));
  const env = validateEnvironment(process.env, 'migrations');
  const logger = createRootLogger(env.LOG_LEVEL).child({ component: 'migrate' });
  let database: OpenDatabase | undefined;
  try {
    database = await openDatabase(env, (message) => logger.info(message));
    const target = database.description;
    if (invocation.command === 'check') {
      const deadline = Date.now() + (invocation.waitSeconds ?? 0) * 1000;
      for (;;) {
        const pending = await pendingMigrations(database.url).catch((error: unknown) => {
          // While waiting, an unreachable database is one more reason to wait.
          if (invocation.waitSeconds === undefined) throw error;
          logger.warn({ err: error }, 'database not reachable yet');
          return undefined;
        });
        if (pending?.length === 0) {
          logger.info({ database: target }, 'no pending migrations');
          return 0;
        }
        if (invocation.waitSeconds === undefined || Date.now() >= deadline) {
          logger.warn({ database: target, pending }, 'migrations are pending');
          return PENDING_EXIT_CODE;
        }
        logger.info({ database: target, pending }, 'waiting for the migration Job');
        await delay(2000);
      }
    }
    const names = await runMigrations(ormConfig(database.url), invocation.command);
    const verb = invocation.command === 'up' ? 'applied' : 'reverted';
    logger.info(
      { database: target, [verb]: names },
      names.length ? `${verb} ${names.length} migration(s)` : `nothing to ${invocation.command}`,
    );
    return 0;
  } finally {
    await database?.close();
    logger.flush();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`Migration failed: ${startupFailureMessage(error)}\n`);
      process.exit(1);
    },
  );
}
