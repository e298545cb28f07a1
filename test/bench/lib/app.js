'use strict';
// The production build the benchmark runs: `scripts/build-if-needed.js` builds when sources are
// newer than dist, then dist is copied to a private snapshot (.data/bench-app/dist, git- and
// lint-ignored), so a concurrent `nest build` (which deletes dist first) cannot pull files from
// under the processes the benchmark starts. Modules resolve from the repository's node_modules
// (a parent folder).
const { execFileSync } = require('node:child_process');
const { cpSync, existsSync, mkdirSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..', '..');
const RESULTS = join(ROOT, 'test', 'bench', 'results');
const SNAPSHOT = join(ROOT, '.data', 'bench-app');

const REQUIRED = [
  'apps/api/main.js',
  'apps/api/migrate.js',
  'libs/llm/testing/bedrock-emulator.js',
  'libs/llm/testing/bedrock-emulator.wire.js',
];

function complete(dist) {
  return REQUIRED.every((file) => existsSync(join(dist, file)));
}

/** Builds if needed and returns the snapshot folder (holding dist/). */
function prepareApp(log) {
  const dist = join(ROOT, 'dist');
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-needed.js')], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (!complete(dist)) {
      log(`dist is incomplete (a build may be running elsewhere); retrying (${attempt}/3)`);
      execFileSync('sleep', ['5']);
      continue;
    }
    const before = statSync(join(dist, 'apps/api/main.js')).mtimeMs;
    rmSync(join(SNAPSHOT, 'dist'), { recursive: true, force: true });
    mkdirSync(SNAPSHOT, { recursive: true });
    try {
      cpSync(dist, join(SNAPSHOT, 'dist'), { recursive: true });
    } catch (error) {
      log(`copying dist failed (${error.message}); retrying (${attempt}/3)`);
      continue;
    }
    const after = existsSync(join(dist, 'apps/api/main.js'))
      ? statSync(join(dist, 'apps/api/main.js')).mtimeMs
      : -1;
    if (after === before && complete(join(SNAPSHOT, 'dist'))) return SNAPSHOT;
    log(`dist changed while it was copied; retrying (${attempt}/3)`);
  }
  throw new Error('could not get a complete build of dist/ (is another build failing?)');
}

module.exports = { ROOT, RESULTS, SNAPSHOT, prepareApp };
