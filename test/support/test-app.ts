import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../apps/api/app.module';
import { configureApp } from '../../apps/api/configure-app';
import { validateEnvironment } from '../../apps/api/config/env.validation';
import { ormConfig } from '../../apps/api/database/orm.config';
import { runMigrations } from '../../libs/platform/database/migrations.runner';

export interface TestApp {
  app: NestExpressApplication;
  /** http://127.0.0.1:PORT of the listening app. */
  url: string;
  close(): Promise<void>;
}

let migrated: Promise<unknown> | undefined;

/**
 * Boots the real app (all modules, filters, pipes) on 127.0.0.1 against the run's database.
 * `env` overrides process.env for this instance only; `override` swaps providers (e.g. the LLM client).
 */
export async function createTestApp(
  env: Record<string, string | undefined> = {},
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
): Promise<TestApp> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: the e2e globalSetup did not run');
  migrated ??= runMigrations(ormConfig(databaseUrl));
  await migrated;
  const saved = { ...process.env };
  Object.assign(process.env, { LOG_LEVEL: 'silent', ...env });
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
  try {
    const validated = validateEnvironment(process.env);
    let builder = Test.createTestingModule({
      imports: [AppModule.forRoot({ databaseUrl, poolMax: 10 })],
    });
    if (override) builder = override(builder);
    const moduleRef = await builder.compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({
      bodyParser: false,
      logger: false,
    });
    configureApp(app, validated);
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
  } finally {
    process.env = saved;
  }
}

/** A user id no other test uses, so tests sharing one database never see each other's data. */
export function uniqueUser(prefix = 'user'): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}
