import { readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { validateEnvironment } from '../../apps/api/config/env.validation';
import { createTestApp, TestApp } from '../support/test-app';
import {
  exampleVariables,
  K8S_DIR,
  k8sManifests,
  k8sObject,
  K8sObject,
  read,
  schemaVariables,
} from './deploy-support';

/**
 * docker/k8s without a cluster: every manifest validated against the Kubernetes API schemas
 * (kubernetes-models 4.x), then held to what the service needs. The probes are asked of the real
 * app. (kubernetes-models does not reject unknown fields, so the fields that matter are checked
 * by name below.)
 */

interface Probe {
  httpGet: { path: string; port: string | number };
}
interface EnvVar {
  name: string;
  value?: string;
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: ({ configMapRef?: { name: string } } & { secretRef?: { name: string } })[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  securityContext?: Record<string, unknown>;
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  terminationGracePeriodSeconds?: number;
  securityContext?: Record<string, unknown>;
  serviceAccountName?: string;
  initContainers?: Container[];
  containers: Container[];
  volumes?: { name: string; emptyDir?: object }[];
  restartPolicy?: string;
}
interface Workload extends K8sObject {
  spec: {
    replicas?: number;
    selector?: { matchLabels: Record<string, string> };
    template: { metadata?: { labels?: Record<string, string> }; spec: PodSpec };
  };
}

/** The model class of an object, from kubernetes-models by apiVersion and kind. */
function modelOf(object: K8sObject): new (data: object) => { validate(): void } {
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')
    : ['', object.apiVersion];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const models = require(`kubernetes-models/${group ? `${group}/` : ''}${version}`) as Record<
    string,
    new (data: object) => { validate(): void }
  >;
  const model = models[object.kind];
  if (!model) throw new Error(`kubernetes-models has no ${object.apiVersion} ${object.kind}`);
  return model;
}

const deployment = () => k8sObject<Workload>('Deployment');
const job = () => k8sObject<Workload>('Job');
const api = () => deployment().spec.template.spec.containers[0];
const configMap = () => k8sObject<K8sObject & { data: Record<string, string> }>('ConfigMap');
const secret = () => k8sObject<K8sObject & { stringData: Record<string, string> }>('Secret');

/** What the api container sees: ConfigMap and Secret (envFrom), then its own env. */
function podEnvironment(container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      expect(source.configMapRef.name).toBe(configMap().metadata.name);
      Object.assign(env, configMap().data);
    }
    if (source.secretRef) {
      expect(source.secretRef.name).toBe(secret().metadata.name);
      Object.assign(env, secret().stringData);
    }
  }
  for (const { name, value } of container.env ?? []) env[name] = value ?? '';
  return env;
}

/** Read by Node itself, not by the app's config. */
const NODE_RUNTIME_VARIABLES = new Set(['NODE_OPTIONS']);

describe('docker/k8s manifests', () => {
  it('every manifest validates against the Kubernetes API schemas (kubernetes-models)', () => {
    const manifests = k8sManifests();
    const kinds = manifests.map((m) => `${m.object.apiVersion} ${m.object.kind}`).sort();
    expect(kinds).toEqual([
      'apps/v1 Deployment',
      'autoscaling/v2 HorizontalPodAutoscaler',
      'batch/v1 Job',
      'networking.k8s.io/v1 Ingress',
      'policy/v1 PodDisruptionBudget',
      'v1 ConfigMap',
      'v1 Secret',
      'v1 Service',
      'v1 ServiceAccount',
    ]);
    for (const { file, object } of manifests) {
      const Model = modelOf(object);
      expect(() => new Model(object).validate()).not.toThrow();
      expect({ file, name: object.metadata.name }).toEqual({ file, name: expect.any(String) });
    }
  });

  it('a broken manifest is rejected (replicas: "three", a probe without a port)', () => {
    const broken = structuredClone(deployment()) as unknown as { spec: Record<string, unknown> };
    broken.spec.replicas = 'three';
    expect(() => new Deployment(broken as object).validate()).toThrow(/replicas must be integer/);
    const noPort = structuredClone(deployment());
    delete (
      noPort.spec.template.spec.containers[0].livenessProbe!.httpGet as Partial<Probe['httpGet']>
    ).port;
    expect(() => new Deployment(noPort as object).validate()).toThrow(/port/);
  });

  it('kustomization.yaml lists every manifest, and only those', () => {
    const kustomization = parse(read('docker/k8s/kustomization.yaml')) as {
      kind: string;
      resources: string[];
      images: { name: string }[];
    };
    expect(kustomization.kind).toBe('Kustomization');
    const files = readdirSync(K8S_DIR).filter(
      (f) => f.endsWith('.yaml') && f !== 'kustomization.yaml',
    );
    expect([...kustomization.resources].sort()).toEqual(files.sort());
    const images = [
      ...deployment().spec.template.spec.containers,
      ...(deployment().spec.template.spec.initContainers ?? []),
      ...job().spec.template.spec.containers,
    ].map((c) => c.image);
    for (const image of images) expect(kustomization.images.map((i) => i.name)).toContain(image);
  });

  it('Deployment: 3 replicas, resources as designed, non-root with a read-only root filesystem', () => {
    const { spec } = deployment();
    expect(spec.replicas).toBe(3);
    for (const [key, value] of Object.entries(spec.selector!.matchLabels)) {
      expect(spec.template.metadata?.labels?.[key]).toBe(value);
    }
    expect(api().resources).toEqual({
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    });
    const pod = spec.template.spec;
    expect(pod.securityContext).toEqual(
      expect.objectContaining({ runAsNonRoot: true, runAsUser: 1000 }),
    );
    for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
      expect(container.securityContext).toEqual(
        expect.objectContaining({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false }),
      );
      expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    }
    expect(pod.volumes).toContainEqual(
      expect.objectContaining({ name: 'tmp', emptyDir: expect.any(Object) }),
    );
  });

  it('Deployment: migrations never at start-up; pods wait for the Job (init container)', () => {
    expect(podEnvironment(api()).MIGRATE_ON_START).toBe('false');
    const [wait] = deployment().spec.template.spec.initContainers!;
    expect(wait.command).toEqual([
      'node',
      'dist/apps/api/migrate.js',
      'check',
      '--wait',
      expect.any(String),
    ]);
  });

  it('Deployment: the grace period outlasts the preStop pause plus SHUTDOWN_GRACE_MS', () => {
    const pod = deployment().spec.template.spec;
    const preStop = api().lifecycle?.preStop?.exec?.command ?? [];
    const pauseSeconds = preStop[0] === 'sleep' ? Number(preStop[1]) : 0;
    const shutdownGraceMs = Number(podEnvironment(api()).SHUTDOWN_GRACE_MS);
    expect(shutdownGraceMs).toBeGreaterThan(0);
    expect(pod.terminationGracePeriodSeconds! * 1000).toBeGreaterThan(
      pauseSeconds * 1000 + shutdownGraceMs,
    );
  });

  it('Deployment: liveness /health, readiness /api/v1/health, a startup probe, on the PORT', () => {
    const container = api();
    expect(container.livenessProbe?.httpGet.path).toBe('/health');
    expect(container.readinessProbe?.httpGet.path).toBe('/api/v1/health');
    expect(container.startupProbe?.httpGet.path).toBe('/health');
    const port = container.ports!.find((p) => p.name === container.livenessProbe?.httpGet.port);
    expect(port?.containerPort).toBe(Number(podEnvironment(container).PORT));
    for (const probe of [container.readinessProbe, container.startupProbe]) {
      expect(probe?.httpGet.port).toBe(port?.name);
    }
  });

  it('the migration Job runs the production migrate entry with the same settings', () => {
    const pod = job().spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    const [migrate] = pod.containers;
    expect(migrate.command).toEqual(['node', 'dist/apps/api/migrate.js', 'up']);
    expect(migrate.envFrom).toEqual(api().envFrom);
    expect(migrate.securityContext).toEqual(
      expect.objectContaining({ readOnlyRootFilesystem: true }),
    );
    expect(() => validateEnvironment(podEnvironment(migrate), 'migrations')).not.toThrow();
  });

  it('Service, Ingress, HPA and PDB point at the Deployment', () => {
    const labels = deployment().spec.template.metadata!.labels!;
    const service = k8sObject<
      K8sObject & {
        spec: { selector: Record<string, string>; ports: { name: string; targetPort: string }[] };
      }
    >('Service');
    for (const [key, value] of Object.entries(service.spec.selector))
      expect(labels[key]).toBe(value);
    expect(api().ports!.map((p) => p.name)).toContain(service.spec.ports[0].targetPort);

    const ingress = k8sObject<
      K8sObject & {
        spec: {
          rules: {
            http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] };
          }[];
        };
      }
    >('Ingress');
    const backend = ingress.spec.rules[0].http.paths[0].backend.service;
    expect(backend).toEqual({
      name: service.metadata.name,
      port: { name: service.spec.ports[0].name },
    });

    const hpa = k8sObject<
      K8sObject & { spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number } }
    >('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual(
      expect.objectContaining({ kind: 'Deployment', name: deployment().metadata.name }),
    );
    expect(hpa.spec.minReplicas).toBe(deployment().spec.replicas);

    const pdb = k8sObject<
      K8sObject & {
        spec: { selector: { matchLabels: Record<string, string> }; minAvailable: number };
      }
    >('PodDisruptionBudget');
    for (const [key, value] of Object.entries(pdb.spec.selector.matchLabels))
      expect(labels[key]).toBe(value);
    expect(pdb.spec.minAvailable).toBeLessThan(deployment().spec.replicas!);
  });

  it('Ingress keeps SSE and NDJSON unbuffered with long timeouts', () => {
    const annotations = k8sObject('Ingress').metadata.annotations!;
    expect(annotations['nginx.ingress.kubernetes.io/proxy-buffering']).toBe('off');
    const env = podEnvironment(api());
    const deadline = Number(env.LLM_DEADLINE_MS ?? 120000);
    for (const key of ['proxy-read-timeout', 'proxy-send-timeout']) {
      const seconds = Number(annotations[`nginx.ingress.kubernetes.io/${key}`]);
      expect(seconds * 1000).toBeGreaterThan(deadline);
    }
  });

  it('every variable of the ConfigMap, the Secret and the pods exists in the schema and .env.example', () => {
    const schema = schemaVariables();
    const example = exampleVariables();
    const set = [
      ...Object.keys(configMap().data),
      ...Object.keys(secret().stringData),
      ...[
        api(),
        ...deployment().spec.template.spec.initContainers!,
        ...job().spec.template.spec.containers,
      ].flatMap((c) => (c.env ?? []).map((e) => e.name)),
    ].filter((name) => !NODE_RUNTIME_VARIABLES.has(name));
    expect(set.filter((name) => !schema.has(name) || !example.has(name))).toEqual([]);
  });

  it('the pod settings pass production start-up validation; the Secret holds placeholders only', () => {
    expect(() => validateEnvironment(podEnvironment(api()))).not.toThrow();
    for (const value of Object.values(secret().stringData)) expect(value).toMatch(/CHANGE_ME/);
    expect(JSON.stringify(configMap().data)).not.toMatch(/AWS_SECRET|AWS_ACCESS_KEY|JWT_SECRET/);
  });

  describe('against the real app', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp();
    });
    afterAll(() => app?.close());

    it('answers each probe path (and the image HEALTHCHECK path) with 200', async () => {
      const container = api();
      const healthcheckPath = /'(\/[a-z/]+)'/.exec(read('docker/Dockerfile'))?.[1];
      const paths = new Set([
        container.livenessProbe!.httpGet.path,
        container.readinessProbe!.httpGet.path,
        container.startupProbe!.httpGet.path,
        healthcheckPath!,
      ]);
      for (const path of paths) {
        const res = await fetch(`${app.url}${path}`);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
    });
  });
});
