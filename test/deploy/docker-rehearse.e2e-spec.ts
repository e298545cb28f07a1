import { join } from 'node:path';
import { ROOT } from './deploy-support';

/**
 * The static half of `npm run docker:rehearse` (which is not part of `npm test`: it installs
 * packages): the script must understand the Dockerfile as it is, so a change there that the
 * rehearsal could not replay fails here first.
 */
interface Stage {
  name: string;
  base: { image?: string; stage?: string };
  instructions: { keyword: string; instruction: { getArgumentsContent(): string | null } }[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rehearse = require(join(ROOT, 'scripts/docker-rehearse.js')) as {
  readDockerfile(): { stages: Stage[]; globalArgs: Record<string, string> };
  readDockerignore(): (path: string) => boolean;
  knownRun(argv: string[]): boolean;
};

describe('scripts/docker-rehearse.js', () => {
  it('reads the stages of docker/Dockerfile and the image they start from', () => {
    const { stages } = rehearse.readDockerfile();
    expect(stages.map((s) => s.name)).toEqual(['base', 'deps', 'build', 'runtime']);
    expect(stages[0].base).toEqual({ image: 'node:26-slim' });
    expect(stages.at(-1)!.base).toEqual({ stage: 'base' });
  });

  it('can replay every RUN of the Dockerfile, and refuses anything else', () => {
    const runs = rehearse
      .readDockerfile()
      .stages.flatMap((s) => s.instructions)
      .filter((i) => i.keyword === 'RUN')
      .flatMap((i) => i.instruction.getArgumentsContent()!.split('&&'))
      .map((part) => part.trim().split(/\s+/));
    expect(runs.length).toBeGreaterThanOrEqual(3);
    for (const argv of runs)
      expect({ argv, known: rehearse.knownRun(argv) }).toEqual({ argv, known: true });
    for (const bad of [
      'apt-get install -y curl',
      'npm install',
      'npm cache clean --force',
      'npm run build && rm -rf /',
    ]) {
      expect(rehearse.knownRun(bad.split(' '))).toBe(false);
    }
  });

  it('applies .dockerignore as Docker does (last match wins, parents count)', () => {
    const ignored = rehearse.readDockerignore();
    for (const path of [
      'node_modules/pg/index.js',
      'libs/x/node_modules/a',
      'dist/apps/api/main.js',
      '.data/postgres',
      '.git/HEAD',
      '.env',
      '.env.local',
      'coverage/lcov.info',
    ]) {
      expect({ path, ignored: ignored(path) }).toEqual({ path, ignored: true });
    }
    for (const path of [
      'package.json',
      'package-lock.json',
      'apps/api/main.ts',
      'libs/llm/index.ts',
      'scripts/bedrock-emulator.js',
      '.env.example',
    ]) {
      expect({ path, ignored: ignored(path) }).toEqual({ path, ignored: false });
    }
  });
});
