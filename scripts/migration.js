#!/usr/bin/env node
// npm run migration:create -- <name>   a new, empty TypeScript migration, added to migrations/index.ts
// npm run migration:up                  apply every pending migration
// npm run migration:down                revert the last applied migration
// (node scripts/migration.js status     list applied and pending migrations)
//
// up/down/status run the compiled app (dist/, built first when sources changed, as `npm start`
// does) against DATABASE_URL, or, when it is unset, the embedded PostgreSQL of `npm start`.
// Production uses `node dist/apps/api/migrate.js` instead (production dependencies only).
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const MIGRATIONS_DIR = 'libs/conversations/infrastructure/mikro-orm/migrations';
const USAGE = `Usage:
  node scripts/migration.js create <name> [--dir <folder>]   (npm run migration:create -- <name>)
  node scripts/migration.js up | down | status               (npm run migration:up | migration:down)`;

class UsageError extends Error {}
class BuildError extends Error {}

/** YYYYMMDDHHmmss in UTC, the timestamp MikroORM puts in migration names. */
function timestamp(date = new Date()) {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function migrationSource(className) {
  return `import { Migration } from '@mikro-orm/migrations';

/** TODO: say what this migration changes and why. */
export class ${className} extends Migration {
  override async up(): Promise<void> {
    // this.addSql(\`alter table messages add column example text;\`);
  }

  override async down(): Promise<void> {
    // this.addSql(\`alter table messages drop column example;\`);
  }
}
`;
}

/**
 * Adds the import and the list entry to index.ts (the explicit list the app and the compiled
 * migration entry point run). Returns false, leaving the file alone, when its shape is unknown.
 */
function registerMigration(indexPath, className) {
  const source = readFileSync(indexPath, 'utf8');
  const imports = [...source.matchAll(/^import .*;\n/gm)];
  const listEnd = source.lastIndexOf('];');
  if (!imports.length || listEnd < 0 || !/export const conversationMigrations = \[/.test(source)) {
    return false;
  }
  const afterImports = imports.at(-1).index + imports.at(-1)[0].length;
  const importLine = `import { ${className} } from './${className}';\n`;
  const entry = `  { name: '${className}', class: ${className} },\n`;
  const before = source.slice(0, listEnd).replace(/\s*$/, '\n');
  const updated =
    source.slice(0, afterImports) +
    importLine +
    before.slice(afterImports) +
    entry +
    source.slice(listEnd);
  writeFileSync(indexPath, updated);
  return true;
}

/** Keeps `npm run lint` (prettier --check) green whatever the name's length. */
async function formatFiles(files) {
  let prettier;
  try {
    prettier = require('prettier');
  } catch {
    return; // a production-only install: leave the files as generated
  }
  for (const file of files) {
    // The project's style, wherever --dir points.
    const options = (await prettier.resolveConfig(join(root, MIGRATIONS_DIR, 'index.ts'))) ?? {};
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, await prettier.format(source, { ...options, filepath: file }));
  }
}

async function create(args) {
  let dir = join(root, MIGRATIONS_DIR);
  const names = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--dir') dir = args[++i] ?? '';
    else names.push(args[i]);
  }
  const [name] = names;
  if (!name || names.length > 1 || !/^[A-Za-z0-9_]+$/.test(name) || !dir) {
    throw new UsageError('create needs one name made of letters, digits and _ (e.g. add_tags)');
  }
  const className = `Migration${timestamp()}_${name}`;
  const file = join(dir, `${className}.ts`);
  if (existsSync(file)) throw new UsageError(`${file} already exists`);
  writeFileSync(file, migrationSource(className));
  const shown = relative(process.cwd(), file) || file;
  console.log(`Created ${shown}`);
  const indexPath = join(dir, 'index.ts');
  if (existsSync(indexPath) && registerMigration(indexPath, className)) {
    await formatFiles([file, indexPath]);
    console.log(`Registered it in ${relative(process.cwd(), indexPath) || indexPath}`);
  } else {
    await formatFiles([file]);
    console.log(`Add it to the list in ${indexPath} by hand:
  import { ${className} } from './${className}';
  { name: '${className}', class: ${className} },`);
  }
  console.log('Write its SQL, then: npm run migration:up');
}

function compiled(path) {
  return require(join(root, 'dist', path));
}

async function run(command) {
  // A migration just created is a source newer than dist/: build, as `npm start` does.
  try {
    execFileSync(process.execPath, [join(root, 'scripts/build-if-needed.js')], {
      stdio: 'inherit',
    });
  } catch {
    throw new BuildError(
      'the build failed (see the compiler output above): fix it, then run again',
    );
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { validateEnvironment } = compiled('apps/api/config/env.validation.js');
  const { openDatabase, pendingMigrations } = compiled('apps/api/migrate.js');
  const { ormConfig } = compiled('apps/api/database/orm.config.js');
  const { runMigrations } = compiled('libs/platform/database/migrations.runner.js');

  const env = validateEnvironment(process.env, 'migrations');
  const database = await openDatabase(env, (message) => console.log(message));
  try {
    console.log(`Database: ${database.description}`);
    if (command === 'status') {
      const all = ormConfig(database.url).migrations.migrationsList.map((m) => m.name);
      const pending = new Set(await pendingMigrations(database.url));
      for (const name of all)
        console.log(`  ${pending.has(name) ? 'pending' : 'applied'}  ${name}`);
      return;
    }
    const names = await runMigrations(ormConfig(database.url), command);
    if (!names.length)
      console.log(command === 'up' ? 'No pending migrations.' : 'Nothing to revert.');
    for (const name of names) console.log(`${command === 'up' ? 'Applied' : 'Reverted'} ${name}`);
  } finally {
    await database.close();
  }
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'create') return create(args);
  if (['up', 'down', 'status'].includes(command) && args.length === 0) return run(command);
  throw new UsageError(command ? `Unknown command: ${[command, ...args].join(' ')}` : 'No command');
}

main().catch((error) => {
  const usage = error instanceof UsageError;
  // These explain themselves; anything else gets its stack.
  const known =
    usage || error instanceof BuildError || error?.constructor?.name === 'ConfigurationError';
  process.stderr.write(`migration: ${known ? error.message : error?.stack || error}\n`);
  if (usage) process.stderr.write(`${USAGE}\n`);
  process.exit(1);
});
