import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

interface Fixture {
  path: string;
  code: string;
}
interface Verdict {
  errors: number;
  messages: string[];
}

/**
 * Lints each fixture as if it were the file at its path (nothing is written), with the project's
 * ESLint config, in one child process (ESLint's config is ESM, which Jest's module system cannot load).
 */
function lint(fixtures: Fixture[]): Verdict[] {
  const script = `
    const { ESLint } = require('eslint');
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const { path, code } of JSON.parse(process.argv[1])) {
        const [result] = await eslint.lintText(code, { filePath: path });
        out.push({ errors: result.errorCount, messages: result.messages.map((m) => m.message) });
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  const run = spawnSync(process.execPath, ['-e', script, JSON.stringify(fixtures)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Verdict[];
}

const DOMAIN = 'libs/conversations/domain/fixture.ts';
const APPLICATION = 'libs/conversations/application/fixture.ts';

const refused: [string, Fixture, string][] = [
  [
    'a domain file importing @nestjs/common',
    {
      path: DOMAIN,
      code: "import { Injectable } from '@nestjs/common';\nexport const d = Injectable;\n",
    },
    'The domain layer imports nothing outside itself',
  ],
  [
    'a domain file reaching into the application layer',
    {
      path: DOMAIN,
      code: "import { Clock } from '../application/ports/clock';\nexport type N = Clock;\n",
    },
    'The domain layer imports nothing outside itself',
  ],
  [
    'the ORM in the application layer',
    {
      path: APPLICATION,
      code: "import { EntityManager } from '@mikro-orm/postgresql';\nexport type E = EntityManager;\n",
    },
    'The application layer uses its domain and ports only',
  ],
  [
    'Redis in the application layer',
    { path: APPLICATION, code: "import Redis from 'ioredis';\nexport type R = Redis;\n" },
    'The application layer uses its domain and ports only',
  ],
  [
    'the Bedrock SDK in the application layer',
    {
      path: APPLICATION,
      code: "import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';\nexport const C = BedrockRuntimeClient;\n",
    },
    'The application layer uses its domain and ports only',
  ],
  [
    'an HTTP exception in the application layer',
    {
      path: APPLICATION,
      code: "import { BadRequestException } from '@nestjs/common';\nexport const E = BadRequestException;\n",
    },
    'HTTP belongs to the interface layer',
  ],
  [
    'a lib importing a file inside another lib',
    {
      path: 'libs/proxy/application/fixture.ts',
      code: "import { readBody } from '@app/llm/internal/read-body';\nexport const r = readBody;\n",
    },
    'through its index',
  ],
];

const allowed: [string, Fixture][] = [
  [
    'a domain file importing its own folder',
    { path: DOMAIN, code: "import { Message } from './message';\nexport type M = Message;\n" },
  ],
  [
    'the application layer importing its domain, Nest DI and another lib by its index',
    {
      path: APPLICATION,
      code: "import { Injectable } from '@nestjs/common';\nimport { LlmClient } from '@app/llm';\nimport { Conversation } from '../domain';\nexport const used = [Injectable, LlmClient, Conversation];\n",
    },
  ],
];

describe('layer rules (eslint.layers.mjs, run by npm run lint)', () => {
  const verdicts = lint([...refused.map(([, f]) => f), ...allowed.map(([, f]) => f)]);

  it.each(refused.map(([name, , message], i) => [name, message, i] as const))(
    'refuses %s',
    (_name, message, index) => {
      expect(verdicts[index].errors).toBeGreaterThan(0);
      expect(verdicts[index].messages.join('\n')).toContain(message);
    },
  );

  it.each(allowed.map(([name], i) => [name, refused.length + i] as const))(
    'accepts %s',
    (_name, index) => {
      expect(verdicts[index]).toEqual({ errors: 0, messages: [] });
    },
  );
});
