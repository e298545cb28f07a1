import { Client } from 'pg';
import { testState } from './test-state';

export default async function globalTeardown(): Promise<void> {
  if (testState.adminUrl && testState.database) {
    const admin = new Client({ connectionString: testState.adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists "${testState.database}" with (force)`);
    await admin.end();
  }
  await testState.embedded?.stop();
}
