import { MikroORM, Options } from '@mikro-orm/postgresql';
import { Client } from 'pg';

/** Any fixed number: every replica asks PostgreSQL for the same advisory lock. */
const MIGRATION_LOCK_KEY = 726_401_885;

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so replicas starting at
 * once (MIGRATE_ON_START=true) or a migration Job never run the same migration twice.
 */
export async function runMigrations(
  options: Options,
  direction: 'up' | 'down' = 'up',
): Promise<string[]> {
  const lock = new Client({ connectionString: options.clientUrl });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const orm = await MikroORM.init({ ...options, pool: { min: 0, max: 2 } });
    try {
      const migrator = orm.getMigrator();
      const applied = direction === 'up' ? await migrator.up() : await migrator.down();
      return applied.map((m) => m.name);
    } finally {
      await orm.close(true);
    }
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
