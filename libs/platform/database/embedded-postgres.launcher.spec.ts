import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres } from './embedded-postgres.launcher';

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('EmbeddedPostgres', () => {
  const base = mkdtempSync(join(tmpdir(), 'embedded-pg-spec-'));
  chmodSync(base, 0o755);
  const dataDir = join(base, 'data');
  const silent = () => undefined;

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('initialises, serves SQL, keeps data across restarts, and stops', async () => {
    const first = new EmbeddedPostgres({ dataDir, log: silent });
    const url = await first.start();
    await query(url, 'create table kept (v text); insert into kept values ($$survives$$)');
    await first.stop();

    const second = new EmbeddedPostgres({ dataDir, log: silent });
    const url2 = await second.start();
    expect(await query(url2, 'select v from kept')).toEqual([{ v: 'survives' }]);
    await second.stop();
    await expect(query(url2, 'select 1')).rejects.toThrow();
  }, 60000);

  it('recovers from a SIGKILLed owner: adopts the orphaned server, or clears a stale pid file', async () => {
    const orphanOwner = new EmbeddedPostgres({ dataDir, log: silent });
    await orphanOwner.start();
    // Simulate `kill -9` of the process that started postgres: it never runs stop().
    const pidLine = spawnSync('head', ['-1', join(orphanOwner.dataDir, 'postmaster.pid')])
      .stdout.toString()
      .trim();

    const next = new EmbeddedPostgres({ dataDir, log: silent });
    const url = await next.start();
    expect(await query(url, 'select count(*)::int as n from kept')).toEqual([{ n: 1 }]);
    await next.stop();

    // Now only a stale pid file pointing at a dead pid remains.
    expect(Number(pidLine)).toBeGreaterThan(0);
    writeFileSync(join(next.dataDir, 'postmaster.pid'), `999999\n${next.dataDir}\n0\n5999\n`);
    const again = new EmbeddedPostgres({ dataDir, log: silent });
    const url3 = await again.start();
    expect(await query(url3, 'select count(*)::int as n from kept')).toEqual([{ n: 1 }]);
    await again.stop();
  }, 60000);

  const asRoot = process.getuid?.() === 0;
  (asRoot ? it : it.skip)(
    'as root, moves data out of a 0700 folder the unprivileged user cannot reach',
    async () => {
      const hidden = mkdtempSync(join(tmpdir(), 'embedded-pg-hidden-'));
      try {
        const pg = new EmbeddedPostgres({ dataDir: join(hidden, 'data'), log: silent });
        expect(pg.dataDir.startsWith('/var/tmp/')).toBe(true);
        const url = await pg.start();
        expect(await query(url, 'select 1 as ok')).toEqual([{ ok: 1 }]);
        await pg.stop();
        rmSync(pg.dataDir, { recursive: true, force: true });
      } finally {
        rmSync(hidden, { recursive: true, force: true });
      }
    },
    60000,
  );
});
