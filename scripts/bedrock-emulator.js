#!/usr/bin/env node
// `npm run bedrock:emulator`: the Bedrock emulator app (apps/bedrock-emulator) as a standalone
// server. Settings: EMULATOR_* variables, read by apps/bedrock-emulator/main.ts.
// It runs the emulator's own build (dist-emulator/, `nest build bedrock-emulator`) when that is
// up to date; otherwise it compiles the TypeScript sources in memory with @swc/core (a dev
// dependency; nothing is written); without @swc/core it runs `nest build bedrock-emulator` first.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const compiled = join(root, 'dist-emulator/apps/bedrock-emulator/main.js');
const source = join(root, 'apps/bedrock-emulator/main.ts');
// The emulator's sources and the library helpers it imports.
const sourceDirs = ['apps/bedrock-emulator', 'libs/llm/internal'].map((dir) => join(root, dir));

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
  if (!existsSync(source)) return true; // only the build is there
  const newest = Math.max(...sourceDirs.filter(existsSync).map(newestTs));
  return statSync(compiled).mtimeMs >= newest;
}

function swcOrNull() {
  try {
    return require('@swc/core');
  } catch {
    return null;
  }
}

/** Lets `require` load .ts files, compiled in memory by swc (CommonJS, `@app/*` paths resolved). */
function registerTypeScript(swc) {
  require.extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
      filename,
      sourceMaps: 'inline',
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        target: 'es2022',
        keepClassNames: true,
        baseUrl: root,
        paths: { '@app/llm/*': ['libs/llm/*'] },
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
  buildEmulator();
  return require(compiled);
}

/** `nest build bedrock-emulator` into dist-emulator/ (the API's dist/ is left alone). */
function buildEmulator() {
  process.stderr.write('Building the emulator (nest build bedrock-emulator)...\n');
  execFileSync(
    process.execPath,
    [require.resolve('@nestjs/cli/bin/nest.js'), 'build', 'bedrock-emulator'],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
}

module.exports = { compiledIsFresh, buildEmulator };

if (require.main === module) {
  loadEmulator()
    .main()
    .catch((error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
