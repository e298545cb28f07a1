import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(__dirname, '../..');
const program = join(__dirname, 'testing/typed-usage.check.ts');

describe('the generated client types', () => {
  it('type every success answer of every operation for strict TypeScript, without casts', async () => {
    const source = readFileSync(program, 'utf8');
    expect(source).not.toMatch(/\sas\s+(?!const\b)[\w{[]/);
    expect(source).not.toMatch(/\bany\b|@ts-(ignore|expect-error)|\w!\./);
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const args = [
      tsc,
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--target',
      'es2022',
      '--module',
      'commonjs',
      '--moduleResolution',
      'node',
      '--lib',
      'es2023,dom',
      '--types',
      'node',
      program,
    ];
    const run = await promisify(execFile)(process.execPath, args, { cwd: root }).catch(
      (error: { stdout?: string; stderr?: string }) => error,
    );
    expect(`${run.stdout ?? ''}${run.stderr ?? ''}`).toBe('');
  }, 120_000);
});
