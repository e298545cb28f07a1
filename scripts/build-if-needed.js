#!/usr/bin/env node
// `npm start` runs this first: build only what is older than its sources (the API with the Nest
// CLI into dist/, the web app with Vite into dist/web).
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
const apiOutput = join(root, 'dist/apps/api/main.js');
const webOutput = join(root, 'dist/web/index.html');
const webSources = join(root, 'apps/web');

function newestSource(dir, extensions, skip = []) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (skip.includes(path)) continue;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path, extensions, skip));
    else if (extensions.some((ext) => entry.name.endsWith(ext))) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const isStale = (output, newest) => !existsSync(output) || newest > statSync(output).mtimeMs;

const apiSources = ['apps', 'libs'].map((d) => join(root, d)).filter(existsSync);
const apiStale = isStale(apiOutput, Math.max(...apiSources.map((dir) => newestSource(dir, ['.ts'], [webSources]))));
if (apiStale) {
  // A first start compiles the TypeScript sources to dist/ with the Nest CLI (tsc): silent until done.
  process.stderr.write(
    'Compiling the service to dist/ with `nest build` (first start, or sources changed since the last build);\n' +
      'this takes about 20-40 s on a 2-core machine and happens once...\n',
  );
  const startedAt = Date.now();
  execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], { cwd: root, stdio: 'inherit' });
  process.stderr.write(`Built in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.\n`);
}
// `nest build` empties dist/, so a rebuilt API always needs the web app again.
if (existsSync(webSources) && (apiStale || isStale(webOutput, newestSource(webSources, ['.ts', '.tsx', '.mts', '.css', '.html'])))) {
  process.stderr.write('Building the web app to dist/web with Vite (a few seconds)...\n');
  const vitePackage = require.resolve('vite/package.json');
  const viteBin = join(dirname(vitePackage), require(vitePackage).bin.vite);
  execFileSync(process.execPath, [viteBin, 'build', '--config', join(webSources, 'vite.config.mts')], {
    cwd: root,
    stdio: 'inherit',
    // Another NODE_ENV in the shell would bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
