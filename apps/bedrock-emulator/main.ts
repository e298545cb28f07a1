/**
 * The Bedrock emulator as a standalone server (`npm run bedrock:emulator`, the compose `offline`
 * profile). Settings come from the environment; see libs/llm/README.md.
 */
import { startBedrockEmulator } from './bedrock-emulator';
import { StartEmulatorOptions } from './bedrock-emulator.types';

function numberFrom(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0`);
  return value;
}

/** Reads EMULATOR_* variables into the emulator's start options. */
export function emulatorOptionsFromEnv(env: NodeJS.ProcessEnv): StartEmulatorOptions {
  const firstByteDelayMs = numberFrom(env, 'EMULATOR_FIRST_BYTE_DELAY_MS');
  const chunkDelayMs = numberFrom(env, 'EMULATOR_CHUNK_DELAY_MS');
  const accessKeyId = env.EMULATOR_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.EMULATOR_SECRET_ACCESS_KEY?.trim();
  const apiKey = env.EMULATOR_API_KEY?.trim();
  return {
    auth: {
      ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
      ...(apiKey ? { apiKey } : {}),
    },
    host: env.EMULATOR_HOST?.trim() || '127.0.0.1',
    port: numberFrom(env, 'EMULATOR_PORT') ?? 4010,
    defaults: {
      ...(firstByteDelayMs !== undefined ? { firstByteDelayMs } : {}),
      ...(chunkDelayMs !== undefined ? { chunkDelayMs } : {}),
    },
  };
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const emulator = await startBedrockEmulator(emulatorOptionsFromEnv(env));
  console.log(`Bedrock emulator listening on ${emulator.url}`);
  console.log(
    `Point the service at it: LLM_PROVIDER=bedrock BEDROCK_ENDPOINT_URL=${emulator.url} ` +
      'AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test',
  );
  console.log('Script a fault per request with the header x-emulator-fault: {"kind":"throttle"}');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the Bedrock emulator`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
