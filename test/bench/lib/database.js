'use strict';
// The benchmark's database: a fresh database created on BENCH_DATABASE_URL, else on the machine's
// PostgreSQL at 127.0.0.1:5432 (user postgres), else on an embedded PostgreSQL (the project's
// launcher). Migrated with the production entry point (dist/apps/api/migrate.js) and dropped at
// the end.
const { execFile } = require('node:child_process');
const { join } = require('node:path');
const { URL } = require('node:url');
const { promisify } = require('node:util');
const { Client } = require('pg');
const { ROOT } = require('./app');

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function canConnect(url) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The admin URL of a server to create the bench database on, and how to stop it. */
async function openServer(appDir, log) {
  if (process.env.BENCH_DATABASE_URL) {
    return { adminUrl: process.env.BENCH_DATABASE_URL, kind: 'BENCH_DATABASE_URL', close: noop };
  }
  if (await canConnect(LOCAL_URL)) {
    return { adminUrl: LOCAL_URL, kind: 'local PostgreSQL 127.0.0.1:5432', close: noop };
  }
  const launcher = join(appDir, 'dist/libs/platform/database/embedded-postgres.launcher.js');
  const { EmbeddedPostgres } = require(launcher);
  const dataDir = join(ROOT, '.data', 'postgres-bench');
  const embedded = new EmbeddedPostgres({ dataDir, log });
  const adminUrl = await embedded.start();
  return { adminUrl, kind: `embedded PostgreSQL (${dataDir})`, close: () => embedded.stop() };
}

function noop() {
  return Promise.resolve();
}

function withDatabase(url, name) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin(url, sql) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createDatabase(adminUrl, name) {
  await admin(adminUrl, `create database "${name}"`);
  return withDatabase(adminUrl, name);
}

async function dropDatabase(adminUrl, name) {
  await admin(
    adminUrl,
    `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`,
  );
  await admin(adminUrl, `drop database if exists "${name}"`);
}

/** Applies the migrations with the production entry point of the snapshot. */
async function migrate(appDir, databaseUrl) {
  await promisify(execFile)(process.execPath, [join(appDir, 'dist/apps/api/migrate.js'), 'up'], {
    cwd: appDir,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
  });
}

/** A short-lived client for setup and checks. */
async function query(url, sql, params) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

module.exports = { openServer, createDatabase, dropDatabase, migrate, query, withDatabase };
