'use strict';
// The production build the benchmark runs (and the emulator app's own build, dist-emulator/): `scripts/build-if-needed.js` builds when sources are
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

const REQUIRED = ['apps/api/main.js', 'apps/api/migrate.js'];
// The emulator app has its own build (dist-emulator/, next to dist/).
const EMULATOR_REQUIRED = [
  'apps/bedrock-emulator/bedrock-emulator.js',
  'apps/bedrock-emulator/bedrock-emulator.wire.js',
];

function complete(dist) {
  return (
    REQUIRED.every((file) => existsSync(join(dist, file))) &&
    EMULATOR_REQUIRED.every((file) => existsSync(join(dist, '..', 'dist-emulator', file)))
  );
}

function buildEmulatorIfNeeded() {
  const emulator = require(join(ROOT, 'scripts', 'bedrock-emulator.js'));
  if (!emulator.compiledIsFresh()) emulator.buildEmulator();
}

/** Builds if needed and returns the snapshot folder (holding dist/). */
function prepareApp(log) {
  const dist = join(ROOT, 'dist');
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-needed.js')], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    buildEmulatorIfNeeded();
    if (!complete(dist)) {
      log(`dist is incomplete (a build may be running elsewhere); retrying (${attempt}/3)`);
      execFileSync('sleep', ['5']);
      continue;
    }
    const before = statSync(join(dist, 'apps/api/main.js')).mtimeMs;
    rmSync(join(SNAPSHOT, 'dist'), { recursive: true, force: true });
    rmSync(join(SNAPSHOT, 'dist-emulator'), { recursive: true, force: true });
    mkdirSync(SNAPSHOT, { recursive: true });
    try {
      cpSync(dist, join(SNAPSHOT, 'dist'), { recursive: true });
      cpSync(join(ROOT, 'dist-emulator'), join(SNAPSHOT, 'dist-emulator'), { recursive: true });
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
