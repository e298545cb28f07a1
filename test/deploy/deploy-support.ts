import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { parseAllDocuments } from 'yaml';
import { EnvironmentSchema } from '../../apps/api/config/env.schema';

/** Helpers shared by the deployment artifact tests (test/deploy). */
export const ROOT = join(__dirname, '../..');
export const DOCKER_DIR = join(ROOT, 'docker');
export const K8S_DIR = join(DOCKER_DIR, 'k8s');

export const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** Every variable the config schema declares (class-validator metadata). */
export function schemaVariables(): Set<string> {
  return new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvironmentSchema, '', true, false)
      .map((m) => m.propertyName),
  );
}

/** Every variable .env.example lists. */
export function exampleVariables(): Set<string> {
  return new Set([...read('.env.example').matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
}

/** KEY=value lines of an env file (compose's env_file format, comments and blanks skipped). */
export function parseEnvFile(text: string): Record<string, string> {
  const entries = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at), line.slice(at + 1)] as const;
    });
  return Object.fromEntries(entries);
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}

/** Every YAML document of every manifest in docker/k8s except the kustomization. */
export function k8sManifests(): { file: string; object: K8sObject }[] {
  // A fresh parse each time: tests may change what they get.
  return readdirSync(K8S_DIR)
    .filter((file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml')
    .sort()
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(K8S_DIR, file), 'utf8'))
        .map((doc) => doc.toJS() as K8sObject | null)
        .filter((object): object is K8sObject => object !== null)
        .map((object) => ({ file, object })),
    );
}

export function k8sObject<T = K8sObject>(kind: string): T {
  const found = k8sManifests().filter((m) => m.object.kind === kind);
  if (found.length !== 1)
    throw new Error(`expected one ${kind} in docker/k8s, found ${found.length}`);
  return found[0].object as unknown as T;
}

/** `npm start`'s build step: compiles dist/ only when a source is newer. */
export function ensureBuilt(): void {
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-if-needed.js')], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    const output = `${stderr?.toString() ?? ''}${stdout?.toString() ?? ''}`;
    // eslint-disable-next-line no-control-regex
    throw new Error(`the build failed:\n${output.replace(/\x1b\[[0-9;]*m/g, '').slice(-3000)}`);
  }
}
