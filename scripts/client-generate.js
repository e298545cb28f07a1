#!/usr/bin/env node
// npm run client:generate                  the types of libs/client from the app's OpenAPI document
// npm run client:generate -- --url <url>    ... from a running app's document (e.g. http://localhost:3000/docs-json)
//
// Without --url the document is built from the compiled app (dist/, built first when sources
// changed, as `npm start` does) in Nest's preview mode: no database, no server.
const { execFileSync } = require('node:child_process');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { typesFromDocument, TYPES_PATH } = require('./client-types');

const root = join(__dirname, '..');

async function appDocument() {
  const urlFlag = process.argv.indexOf('--url');
  if (urlFlag >= 0) {
    const url = process.argv[urlFlag + 1];
    if (!url) throw new Error('--url needs the document URL, e.g. http://localhost:3000/docs-json');
    const res = await globalThis.fetch(url);
    if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
    return res.json();
  }
  execFileSync(process.execPath, [join(root, 'scripts/build-if-needed.js')], { cwd: root, stdio: 'inherit' });
  const json = execFileSync(process.execPath, [join(root, 'dist/apps/api/openapi-export.js')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'development', AUTH_MODE: 'none' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(json.toString('utf8'));
}

appDocument()
  .then(typesFromDocument)
  .then((source) => {
    writeFileSync(join(root, TYPES_PATH), source);
    process.stdout.write(`Wrote ${TYPES_PATH}\n`);
  })
  .catch((error) => {
    process.stderr.write(`client:generate failed: ${error.message}\n`);
    process.exit(1);
  });
