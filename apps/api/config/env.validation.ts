import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EnvironmentSchema } from './env.schema';
import { productionProblems, ProductionScope } from './production-rules';

export class ConfigurationError extends Error {}

/** What a failed start-up prints: a configuration problem as it is, anything else with its stack. */
export function startupFailureMessage(error: unknown): string {
  if (error instanceof ConfigurationError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * Validates process.env against the schema; a bad value stops start-up naming the variable.
 * With NODE_ENV=production the production rules (production-rules.ts) are checked too, and every
 * problem is reported in the same message. `scope` 'migrations' checks only what the migration
 * entry point needs.
 */
export function validateEnvironment(
  raw: Record<string, unknown>,
  scope: ProductionScope = 'app',
): EnvironmentSchema {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
  const env = plainToInstance(EnvironmentSchema, cleaned, { enableImplicitConversion: false });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const unsafe = productionProblems(cleaned, scope);
  if (errors.length > 0 || unsafe.length > 0) {
    const lines = errors.map(
      (e) =>
        `  ${e.property}=${JSON.stringify(cleaned[e.property] ?? null)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    const sections = [
      ...(lines.length ? [`Invalid configuration:\n${lines.join('\n')}`] : []),
      ...(unsafe.length
        ? [
            `Missing or unsafe settings for NODE_ENV=production:\n${unsafe.map((p) => `  ${p}`).join('\n')}`,
          ]
        : []),
    ];
    throw new ConfigurationError(sections.join('\n'));
  }
  return env;
}
