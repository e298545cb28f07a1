import { DriverException, MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Row } from './rows';

/** Where our plain SQL runs: `?` placeholders, rows back. */
export interface Sql {
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** A pg client as knex's pool hands it out. */
interface PgConnection {
  query(text: string, values?: readonly unknown[]): Promise<{ rows: unknown[] }>;
}

interface ConnectionPool {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}

const numberedCache = new Map<string, string>();

/** `?` placeholders (our SQL's convention, as knex's) as pg's `$1..$n`. */
export function numbered(sql: string): string {
  let converted = numberedCache.get(sql);
  if (converted === undefined) {
    let n = 0;
    converted = sql.replace(/\?/g, () => `$${(n += 1)}`);
    if (numberedCache.size < 1000) numberedCache.set(sql, converted);
  }
  return converted;
}

/**
 * Our hot statements on a pg connection of MikroORM's own pool, with bound parameters.
 * `em.execute` formats every value into the SQL text and goes through knex: about twice the CPU
 * per statement (a micro-benchmark: 233 against 108 µs), and a turn runs seven of them. Same
 * connections (and type parsers) as the ORM; errors become MikroORM's exceptions as before.
 */
export class PooledSql implements Sql {
  constructor(private readonly orm: MikroORM) {}

  async query<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const pool = this.pool();
    const connection = await pool.acquireConnection();
    try {
      return await this.run<T>(connection, sql, params);
    } finally {
      await pool.releaseConnection(connection);
    }
  }

  /** `work` in one transaction on one connection; rolled back if it throws. */
  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    const pool = this.pool();
    const connection = await pool.acquireConnection();
    try {
      await this.run(connection, 'begin', []);
      try {
        const result = await work({
          query: <R>(sql: string, params: readonly unknown[] = []) =>
            this.run<R>(connection, sql, params),
        });
        await this.run(connection, 'commit', []);
        return result;
      } catch (error) {
        await this.run(connection, 'rollback', []).catch(() => undefined);
        throw error;
      }
    } finally {
      await pool.releaseConnection(connection);
    }
  }

  private async run<T>(
    connection: PgConnection,
    sql: string,
    params: readonly unknown[],
  ): Promise<T[]> {
    try {
      return (await connection.query(numbered(sql), params)).rows as T[];
    } catch (error) {
      throw this.converted(error);
    }
  }

  private converted(error: unknown): unknown {
    if (error instanceof DriverException || !(error instanceof Error)) return error;
    return this.orm.em.getPlatform().getExceptionConverter().convertException(error);
  }

  private pool(): ConnectionPool {
    return (this.orm.em as EntityManager).getKnex().client as unknown as ConnectionPool;
  }
}

/** The same interface over an EntityManager (inside an ORM transaction, for the rare paths). */
export function entityManagerSql(em: EntityManager): Sql {
  return {
    query: <T>(sql: string, params: readonly unknown[] = []) => em.execute<T[]>(sql, [...params]),
  };
}
