import { MikroORM } from '@mikro-orm/core';
import type { TestApp } from './test-app';

/** Plain SQL for tests that set up or inspect rows no API call writes, on the app's connection. */
export interface TestSql {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export function sqlOf(t: TestApp): TestSql {
  const connection = t.app.get(MikroORM).em.getConnection();
  return {
    query: <T>(sql: string, params: readonly unknown[] = []) =>
      connection.execute<T[]>(sql, [...params]),
  };
}
