import { spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ormConfig } from '../../apps/api/database/orm.config';
import { runMigrations } from '../../libs/platform/database/migrations.runner';
import { ensureBuilt, ROOT } from './deploy-support';

/**
 * Migrations as operators run them: replicas racing at start-up (advisory lock), the production
 * entry point dist/apps/api/migrate.js (the Job, the init container), and the npm scripts.
 */
/** Every committed migration, in the order the app runs them. */
const ALL = (ormConfig('postgres://unused/none').migrations?.migrationsList ?? []).map(
  (m) => m.name,
);
const created: string[] = [];
jest.setTimeout(60000); // each case spawns Node processes

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.TEST_ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function freshDatabase(): Promise<string> {
  const name = `deploy_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin((c) => c.query(`create database "${name}"`));
  created.push(name);
  const url = new URL(process.env.TEST_ADMIN_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function applied(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      'select name from mikro_orm_migrations order by id',
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

interface Run {
  code: number | null;
  output: string;
}

/** Runs a Node script with exactly `env` (plus PATH), from an empty folder (no .env). */
function node(args: string[], env: Record<string, string>, cwd = emptyDir): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const emptyDir = mkdtempSync(join(tmpdir(), 'deploy-migrate-'));
const MIGRATE = join(ROOT, 'dist/apps/api/migrate.js');
const SCRIPT = join(ROOT, 'scripts/migration.js');

beforeAll(() => ensureBuilt(), 180000);

afterAll(async () => {
  await admin(async (c) => {
    for (const name of created) await c.query(`drop database if exists "${name}" with (force)`);
  });
  rmSync(emptyDir, { recursive: true, force: true });
});

describe('runMigrations (advisory lock)', () => {
  it('two concurrent runs on a fresh database both succeed and apply each migration once', async () => {
    const url = await freshDatabase();
    const [first, second] = await Promise.all([
      runMigrations(ormConfig(url)),
      runMigrations(ormConfig(url)),
    ]);
    expect([...first, ...second].sort()).toEqual([...ALL].sort());
    expect(await applied(url)).toEqual(ALL);
  });
});

describe('dist/apps/api/migrate.js (the production entry point)', () => {
  it('check, up, check, down on a fresh database', async () => {
    const url = await freshDatabase();
    const env = { NODE_ENV: 'production', DATABASE_URL: url };

    const pending = await node([MIGRATE, 'check'], env);
    expect(pending.code).toBe(3);
    expect(pending.output).toContain(ALL[0]);

    const up = await node([MIGRATE], env);
    expect(up).toEqual({ code: 0, output: expect.stringContaining('"applied"') });
    expect(await applied(url)).toEqual(ALL);

    expect((await node([MIGRATE, 'check'], env)).code).toBe(0);
    expect((await node([MIGRATE, 'check', '--wait', '5'], env)).code).toBe(0);

    const down = await node([MIGRATE, 'down'], env);
    expect(down).toEqual({ code: 0, output: expect.stringContaining(ALL.at(-1)!) });
    expect(await applied(url)).toEqual(ALL.slice(0, -1));
  });

  it('two processes at once (Job and a MIGRATE_ON_START replica) both exit 0', async () => {
    const url = await freshDatabase();
    const env = { NODE_ENV: 'production', DATABASE_URL: url };
    const runs = await Promise.all([node([MIGRATE, 'up'], env), node([MIGRATE, 'up'], env)]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect(await applied(url)).toEqual(ALL);
  });

  it('without DATABASE_URL in development it uses the embedded PostgreSQL, then stops it', async () => {
    const dataDir = join(emptyDir, 'embedded-pg');
    chmodSync(emptyDir, 0o755); // as root, postgres runs as an unprivileged user
    const run = await node([MIGRATE, 'check'], { EMBEDDED_PG_DATA_DIR: dataDir });
    expect(run.output).toContain('embedded PostgreSQL');
    expect(run.code).toBe(3); // a new cluster: every migration pending
    expect(existsSync(join(run.output.match(/data in ([^,]+),/)![1], 'postmaster.pid'))).toBe(
      false,
    );
  });

  it('in production without DATABASE_URL it stops, naming it; a bad command is refused', async () => {
    const missing = await node([MIGRATE], { NODE_ENV: 'production' });
    expect(missing.code).toBe(1);
    expect(missing.output).toMatch(/Migration failed: .*\n {2}DATABASE_URL is not set/);
    const bogus = await node([MIGRATE, 'sideways'], {});
    expect(bogus.code).toBe(1);
    expect(bogus.output).toContain('Unknown command "sideways"');
  });
});

describe('scripts/migration.js (npm run migration:*)', () => {
  it('up, status and down against DATABASE_URL', async () => {
    const url = await freshDatabase();
    const env = { DATABASE_URL: url };
    const up = await node([SCRIPT, 'up'], env, ROOT);
    expect(up.output).toContain(`Applied ${ALL[0]}`);
    expect(up.code).toBe(0);
    const status = await node([SCRIPT, 'status'], env, ROOT);
    expect(status.output).toMatch(new RegExp(`applied {2}${ALL.at(-1)}`));
    const down = await node([SCRIPT, 'down'], env, ROOT);
    expect(down).toEqual({ code: 0, output: expect.stringContaining(`Reverted ${ALL.at(-1)}`) });
  });

  it('create writes a migration class and registers it in index.ts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-create-'));
    try {
      const migrations = join(ROOT, 'libs/conversations/infrastructure/mikro-orm/migrations');
      copyFileSync(join(migrations, 'index.ts'), join(dir, 'index.ts'));
      const run = await node([SCRIPT, 'create', 'add_tags', '--dir', dir], {}, ROOT);
      expect(run.code).toBe(0);
      const file = readdirSync(dir).find((f) => /^Migration\d{14}_add_tags\.ts$/.test(f))!;
      expect(file).toBeDefined();
      const className = file.replace(/\.ts$/, '');
      expect(readFileSync(join(dir, file), 'utf8')).toMatch(
        new RegExp(
          `export class ${className} extends Migration \\{[\\s\\S]*override async up\\(\\)[\\s\\S]*override async down\\(\\)`,
        ),
      );
      const index = readFileSync(join(dir, 'index.ts'), 'utf8');
      expect(index).toContain(`import { ${className} } from './${className}';`);
      expect(index).toMatch(
        new RegExp(`\\{ name: '${className}', class: ${className} \\},\\n\\];`),
      );
      expect(index).toContain(`{ name: '${ALL[0]}', class: ${ALL[0]} }`);

      const bad = await node([SCRIPT, 'create', 'no spaces allowed'], {}, ROOT);
      expect(bad.code).toBe(1);
      expect(bad.output).toContain('Usage:');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
