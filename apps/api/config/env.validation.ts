import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EnvironmentSchema } from './env.schema';
import { productionProblems, ProductionScope } from './production-rules';

export class ConfigurationError extends Error {}

/** Provider-neutral names and the seed's Bedrock names they replace; a seed `.env` keeps working. */
export const SEED_ALIASES = {
  LLM_MODEL_ID: 'BEDROCK_MODEL_ID',
  LLM_EMBED_MODEL_ID: 'BEDROCK_EMBED_MODEL_ID',
  LLM_MAX_TOKENS: 'BEDROCK_MAX_TOKENS',
  LLM_TEMPERATURE: 'BEDROCK_TEMPERATURE',
} as const;

/**
 * Takes each seed name for its new one (in place). Returns the names as the operator wrote them,
 * for messages, and the conflicts: both names set to different values is worth stopping for.
 */
function resolveSeedAliases(env: Record<string, unknown>): {
  writtenAs: Record<string, string>;
  conflicts: string[];
} {
  const writtenAs: Record<string, string> = {};
  const conflicts: string[] = [];
  for (const [name, seedName] of Object.entries(SEED_ALIASES)) {
    const seedValue = env[seedName];
    if (seedValue === undefined) continue;
    if (env[name] === undefined) {
      env[name] = seedValue;
      writtenAs[name] = seedName;
    } else if (String(env[name]) !== String(seedValue)) {
      conflicts.push(`  ${name} and ${seedName} (its seed name) disagree: set one of them`);
    }
    delete env[seedName];
  }
  return { writtenAs, conflicts };
}

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
  const { writtenAs, conflicts } = resolveSeedAliases(cleaned);
  const env = plainToInstance(EnvironmentSchema, cleaned, { enableImplicitConversion: false });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const unsafe = productionProblems(cleaned, scope);
  if (errors.length > 0 || unsafe.length > 0 || conflicts.length > 0) {
    const lines = [
      ...errors.map(
        (e) =>
          `  ${writtenAs[e.property] ?? e.property}=${JSON.stringify(cleaned[e.property] ?? null)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
      ),
      ...conflicts,
    ];
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
