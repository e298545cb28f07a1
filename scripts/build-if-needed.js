#!/usr/bin/env node
// `npm start` runs this first: build only when a source file is newer than the last build.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const output = join(root, 'dist/apps/api/main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = ['apps', 'libs'].map((d) => join(root, d)).filter(existsSync);
const stale = !existsSync(output) || Math.max(...sources.map(newestSource)) > statSync(output).mtimeMs;
if (stale) {
  // A first start compiles the TypeScript sources to dist/ with the Nest CLI (tsc): silent until done.
  process.stderr.write(
    'Compiling the service to dist/ with `nest build` (first start, or sources changed since the last build);\n' +
      'this takes about 20-40 s on a 2-core machine and happens once...\n',
  );
  const startedAt = Date.now();
  execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], { cwd: root, stdio: 'inherit' });
  process.stderr.write(`Built in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.\n`);
}
