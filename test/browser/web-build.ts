import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = join(__dirname, '../..');

/** Builds apps/web with Vite into `outDir` (as `npm run build:web` does into dist/web). */
export function buildWebApp(outDir: string): void {
  const vitePackage = require.resolve('vite/package.json');
  const viteBin = join(
    dirname(vitePackage),
    (JSON.parse(readFileSync(vitePackage, 'utf8')) as { bin: { vite: string } }).bin.vite,
  );
  execFileSync(
    process.execPath,
    [
      viteBin,
      'build',
      '--config',
      join(root, 'apps/web/vite.config.mts'),
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      // Jest sets NODE_ENV=test, which would bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  );
}

/** The gzipped size (level 9) of every JavaScript file of a web build, in bytes. */
export function gzippedJavaScriptBytes(outDir: string): number {
  const assets = join(outDir, 'assets');
  return readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .reduce(
      (sum, name) => sum + gzipSync(readFileSync(join(assets, name)), { level: 9 }).length,
      0,
    );
}

/** The most JavaScript the web app may send a browser, gzipped. */
export const WEB_APP_JS_BUDGET_BYTES = 300 * 1024;
