import { Client } from 'pg';
import { EmbeddedPostgres } from '../../libs/platform/database/embedded-postgres.launcher';
import { testState } from './test-state';

/**
 * One fresh database per test run: on the server at TEST_DATABASE_URL when set, else on an
 * embedded PostgreSQL. Workers inherit DATABASE_URL; the teardown drops the database.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const embedded = new EmbeddedPostgres({ dataDir: '.data/postgres-test', log: () => undefined });
    adminUrl = await embedded.start();
    testState.embedded = embedded;
  }
  const database = `chat_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  testState.adminUrl = adminUrl;
  testState.database = database;
  process.env.DATABASE_URL = url.toString();
  process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
  // Rate limits and stream logs of this run must not meet those of another run on the same Redis.
  process.env.REDIS_KEY_PREFIX = `${database}:`;
}
