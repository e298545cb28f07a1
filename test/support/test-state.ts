import type { EmbeddedPostgres } from '../../libs/platform/database/embedded-postgres.launcher';

/** Shared between globalSetup and globalTeardown (same process, same module registry). */
export const testState: { embedded?: EmbeddedPostgres; adminUrl?: string; database?: string } = {};
