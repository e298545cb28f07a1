import { parse } from 'yaml';
import { validateEnvironment } from '../../apps/api/config/env.validation';
import { read } from './deploy-support';

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  services?: Record<string, { image: string }>;
  env?: Record<string, string>;
  steps: Step[];
}

/** .github/workflows/ci.yml for teams on GitHub: lint, tests on PostgreSQL + Redis, an image build. */
describe('.github/workflows/ci.yml', () => {
  const workflow = parse(read('.github/workflows/ci.yml')) as {
    on: unknown;
    jobs: Record<string, Job>;
  };
  const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

  it('lints', () => {
    expect(runs(workflow.jobs.lint)).toContain('npm run lint');
  });

  it('runs the test suite against PostgreSQL and Redis service containers', () => {
    const { test } = workflow.jobs;
    expect(test.services?.postgres.image).toMatch(/^postgres:/);
    expect(test.services?.redis.image).toMatch(/^redis:/);
    expect(test.env).toEqual(
      expect.objectContaining({
        TEST_DATABASE_URL: expect.stringMatching(/^postgres:\/\//),
        REDIS_URL: expect.stringMatching(/^redis:\/\//),
      }),
    );
    expect(runs(test)).toMatch(/npm ci[^\n]*\n(.|\n)*npm test/);
  });

  it('builds the image from docker/Dockerfile without pushing, then smoke-tests it', () => {
    const build = workflow.jobs.image.steps.find((s) =>
      s.uses?.startsWith('docker/build-push-action'),
    );
    expect(build?.with).toEqual(
      expect.objectContaining({ file: 'docker/Dockerfile', push: false, context: '.' }),
    );
    const smoke = runs(workflow.jobs.image);
    expect(smoke).toContain('node dist/apps/api/migrate.js up');
    const env = Object.fromEntries(
      [...smoke.matchAll(/-e ([A-Z_]+)=([^\s)]+)/g)].map((m) => [m[1], m[2]]),
    );
    expect(() => validateEnvironment(env)).not.toThrow();
  });
});
