import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './deploy-support';
import { freePort } from '../support/free-port';

/**
 * The built server (`node dist/apps/api/main.js`, the image's CMD) in production mode: each
 * missing or unsafe setting stops start-up with a non-zero exit and a message naming it; a
 * complete environment starts and stops cleanly on SIGTERM.
 */
jest.setTimeout(60000); // each case starts a Node process

const MAIN = join(ROOT, 'dist/apps/api/main.js');
const emptyDir = mkdtempSync(join(tmpdir(), 'deploy-production-')); // no .env there

/** Complete and safe; the database is unreachable on purpose (validation comes first). */
const SAFE: Record<string, string> = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
  LLM_PROVIDER: 'mock',
  AUTH_MODE: 'none',
  ALLOWED_ORIGINS: 'https://chat.example.com',
};

interface Exit {
  code: number | null;
  output: string;
}

function start(env: Record<string, string>, until?: RegExp): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      cwd: emptyDir,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) {
        until = undefined;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

function without(...names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(SAFE).filter(([name]) => !names.includes(name)));
}

beforeAll(() => ensureBuilt(), 180000);
afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

describe('node dist/apps/api/main.js with NODE_ENV=production', () => {
  it.each([
    ['no DATABASE_URL', without('DATABASE_URL'), ['DATABASE_URL']],
    ['no LLM_PROVIDER', without('LLM_PROVIDER'), ['LLM_PROVIDER']],
    ['AUTH_MODE not set explicitly', without('AUTH_MODE'), ['AUTH_MODE']],
    [
      'AUTH_MODE=jwt without a secret or JWKS',
      { ...SAFE, AUTH_MODE: 'jwt' },
      ['JWT_SECRET', 'JWT_JWKS_URL'],
    ],
    ['ALLOWED_ORIGINS with *', { ...SAFE, ALLOWED_ORIGINS: '*' }, ['ALLOWED_ORIGINS']],
  ])('%s: exits non-zero naming it', async (_, env, names) => {
    const { code, output } = await start(env);
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /^Start-up failed: Missing or unsafe settings for NODE_ENV=production:\n/,
    );
    for (const name of names) expect(output).toContain(name);
  });

  it('names every problem in one message', async () => {
    const { code, output } = await start({ NODE_ENV: 'production', ALLOWED_ORIGINS: '["*"]' });
    expect(code).toBe(1);
    expect(output.match(/Start-up failed/g)).toHaveLength(1);
    for (const name of ['DATABASE_URL', 'LLM_PROVIDER', 'AUTH_MODE', 'ALLOWED_ORIGINS']) {
      expect(output).toContain(name);
    }
  });

  it('starts with a complete environment and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const { code, output } = await start(
      {
        ...SAFE,
        DATABASE_URL: process.env.DATABASE_URL!,
        MIGRATE_ON_START: 'false',
        HOST: '127.0.0.1',
        PORT: String(port),
      },
      /listening on http/,
    );
    expect(output).toContain(`listening on http://127.0.0.1:${port}`);
    // Log lines are written asynchronously: the last ones before exit are flushed too.
    expect(output).toMatch(/"msg":"shutting down"[^]*"msg":"drained"/);
    expect(code).toBe(0);
  });
});
