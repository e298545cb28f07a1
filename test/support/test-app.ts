import { createHash } from 'node:crypto';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../apps/api/app.module';
import type { NextFunction, Request, Response } from 'express';
import { configureApp, httpAdapterFor } from '../../apps/api/configure-app';
import { createOpenApiDocument } from '../../apps/api/openapi';
import { validateEnvironment } from '../../apps/api/config/env.validation';
import { ormConfig } from '../../apps/api/database/orm.config';
import { runMigrations } from '../../libs/platform/database/migrations.runner';
import { OpenApiResponseChecker } from './openapi-response-check';

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
export function createTestApp(
  env: Record<string, string | undefined> = {},
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
): Promise<TestApp> {
  // Apps are built one at a time: each swaps process.env while Nest reads its configuration.
  const created = building.then(() => buildTestApp(env, override));
  building = created.catch(() => undefined);
  return created;
}

let building: Promise<unknown> = Promise.resolve();

async function buildTestApp(
  env: Record<string, string | undefined>,
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
): Promise<TestApp> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: the e2e globalSetup did not run');
  migrated ??= runMigrations(ormConfig(databaseUrl));
  await migrated;
  const saved = { ...process.env };
  Object.assign(process.env, {
    LOG_LEVEL: 'silent',
    REDIS_KEY_PREFIX: redisPrefixOfThisFile(),
    ...env,
  });
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
  try {
    const validated = validateEnvironment(process.env);
    let builder = Test.createTestingModule({
      imports: [AppModule.forRoot({ databaseUrl, poolMax: 10 })],
    });
    if (override) builder = override(builder);
    const moduleRef = await builder.compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>(httpAdapterFor(validated), {
      bodyParser: false,
      logger: false,
    });
    // First in line, so it sees every answer: checked against this app's own document.
    const checker: { current?: OpenApiResponseChecker } = {};
    app.use((req: Request, res: Response, next: NextFunction) =>
      checker.current ? checker.current.middleware(req, res, next) : next(),
    );
    configureApp(app, validated);
    checker.current = new OpenApiResponseChecker(createOpenApiDocument(app, validated));
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
  } finally {
    process.env = saved;
  }
}

/**
 * Apps of one test file share Redis keys (so two-replica tests see one limit); files do not, so
 * the `anonymous` caller of one file never spends another file's rate limit.
 */
function redisPrefixOfThisFile(): string {
  const file = expect.getState().testPath ?? 'unknown';
  const digest = createHash('sha256').update(file).digest('hex').slice(0, 10);
  return `${process.env.REDIS_KEY_PREFIX ?? 'test:'}${digest}:`;
}

/** A user id no other test uses, so tests sharing one database never see each other's data. */
export function uniqueUser(prefix = 'user'): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}
