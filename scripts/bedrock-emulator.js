#!/usr/bin/env node
// `npm run bedrock:emulator`: the Bedrock wire emulator (libs/llm/testing) as a standalone server.
//   EMULATOR_HOST (127.0.0.1), EMULATOR_PORT (4010),
//   EMULATOR_FIRST_BYTE_DELAY_MS, EMULATOR_CHUNK_DELAY_MS (0: realistic streaming wants ~30).
// It loads the compiled emulator from dist/ when that is up to date; otherwise it compiles the
// TypeScript sources in memory with @swc/core (a dev dependency; nothing is written, so a
// running `dist` build is left alone); without @swc/core it runs `nest build` first.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const compiled = join(root, 'dist/libs/llm/testing/bedrock-emulator.js');
const source = join(root, 'libs/llm/testing/bedrock-emulator.ts');

function newestTs(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestTs(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function compiledIsFresh() {
  if (!existsSync(compiled)) return false;
  if (!existsSync(source)) return true; // a deployed image: dist is all there is
  return statSync(compiled).mtimeMs >= newestTs(join(root, 'libs/llm'));
}

function swcOrNull() {
  try {
    return require('@swc/core');
  } catch {
    return null;
  }
}

/** Lets `require` load .ts files, compiled in memory by swc (CommonJS, like the build). */
function registerTypeScript(swc) {
  require.extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
      filename,
      sourceMaps: 'inline',
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
}

function loadEmulator() {
  if (compiledIsFresh()) return require(compiled);
  const swc = swcOrNull();
  if (swc && existsSync(source)) {
    registerTypeScript(swc);
    return require(source);
  }
  process.stderr.write('Building the project to get the emulator (nest build)...\n');
  execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  return require(compiled);
}

function numberFromEnv(name) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0`);
  return value;
}

async function main() {
  const { startBedrockEmulator } = loadEmulator();
  const host = process.env.EMULATOR_HOST || '127.0.0.1';
  const port = numberFromEnv('EMULATOR_PORT') ?? 4010;
  const defaults = {};
  const firstByteDelayMs = numberFromEnv('EMULATOR_FIRST_BYTE_DELAY_MS');
  const chunkDelayMs = numberFromEnv('EMULATOR_CHUNK_DELAY_MS');
  if (firstByteDelayMs !== undefined) defaults.firstByteDelayMs = firstByteDelayMs;
  if (chunkDelayMs !== undefined) defaults.chunkDelayMs = chunkDelayMs;

  const emulator = await startBedrockEmulator({ host, port, defaults });
  console.log(`Bedrock emulator listening on ${emulator.url}`);
  console.log(
    `Point the service at it: LLM_PROVIDER=bedrock BEDROCK_ENDPOINT_URL=${emulator.url} ` +
      'AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test',
  );
  console.log('Script a fault per request with the header x-emulator-fault: {"kind":"throttle"}');

  let stopping = false;
  const stop = (signal) => {
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

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
