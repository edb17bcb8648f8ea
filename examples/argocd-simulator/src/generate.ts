import { createHash } from 'node:crypto';
import { rfc3339 } from './rfc3339';
import type {
  AppRecord,
  ApplicationTree,
  ArgoApplication,
  ArgoHistoryEntry,
  InstanceData,
  RevisionMetadata,
} from './types';

/**
 * Synthetic load data for benchmarks: deterministic (the same options give the same data, byte for byte), so runs
 * are comparable. Apps are `<service>-<env>`, three envs per service, dealt round-robin over the instances.
 */
export interface GenerateOptions {
  applications: number;
  historyLength: number;
  instances?: string[];
}

const ENVS = ['dev', 'staging', 'prod'] as const;
const AUTHORS = [
  'Priya Raman <priya.raman@acme.example>',
  'Tomás Ferreira <tomas.ferreira@acme.example>',
  'Lena Vogel <lena.vogel@acme.example>',
  'Kwame Mensah <kwame.mensah@acme.example>',
  'renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>',
];
const BASE_TIME = Date.parse('2026-06-01T08:00:00Z');
const HOUR = 3_600_000;

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** A UUID-shaped id derived from `text`: the same text, the same uid. */
export function uid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(
    17,
    20,
  )}-${h.slice(20, 32)}`;
}

const iso = rfc3339;

/** mulberry32: a tiny seeded PRNG, so the status mix is stable across runs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Condition {
  sync: 'Synced' | 'OutOfSync';
  health: 'Healthy' | 'Progressing' | 'Degraded' | 'Missing';
}

function pickCondition(roll: number): Condition {
  if (roll < 0.8) return { sync: 'Synced', health: 'Healthy' };
  if (roll < 0.88) return { sync: 'OutOfSync', health: 'Healthy' };
  if (roll < 0.93) return { sync: 'Synced', health: 'Progressing' };
  if (roll < 0.98) return { sync: 'Synced', health: 'Degraded' };
  return { sync: 'OutOfSync', health: 'Missing' };
}

function buildTree(
  name: string,
  namespace: string,
  image: string,
  health: string,
): ApplicationTree {
  const deployment = {
    group: 'apps',
    kind: 'Deployment',
    namespace,
    name,
    uid: uid(`${name}/deploy`),
  };
  const replicaSet = {
    group: 'apps',
    kind: 'ReplicaSet',
    namespace,
    name: `${name}-5d8f7c9b6`,
    uid: uid(`${name}/rs`),
  };
  const podHealth =
    health === 'Degraded'
      ? {
          status: 'Degraded',
          message: `back-off 5m0s restarting failed container=app pod=${name}-5d8f7c9b6-abcde`,
        }
      : { status: health === 'Progressing' ? 'Progressing' : 'Healthy' };
  const pods = ['x7k2p', 'q9m4t'].map(suffix => ({
    version: 'v1',
    kind: 'Pod',
    namespace,
    name: `${replicaSet.name}-${suffix}`,
    uid: uid(`${name}/pod/${suffix}`),
    parentRefs: [replicaSet],
    info: [
      {
        name: 'Status Reason',
        value: health === 'Degraded' ? 'CrashLoopBackOff' : 'Running',
      },
      { name: 'Containers', value: health === 'Degraded' ? '0/1' : '1/1' },
    ],
    images: [image],
    health: podHealth,
  }));
  return {
    nodes: [
      {
        ...deployment,
        version: 'v1',
        health: { status: health === 'Missing' ? 'Missing' : health },
      },
      {
        ...replicaSet,
        version: 'v1',
        parentRefs: [deployment],
        info: [{ name: 'Revision', value: 'Rev:1' }],
        health: { status: 'Healthy' },
      },
      ...pods,
      {
        version: 'v1',
        kind: 'Service',
        namespace,
        name,
        uid: uid(`${name}/svc`),
        health: { status: 'Healthy' },
      },
    ],
  };
}

/** Who one generated app is: `<service>-<env>`, deployed every 6 hours from `start`. */
interface AppIdentity {
  index: number;
  serviceIndex: number;
  service: string;
  env: (typeof ENVS)[number];
  name: string;
  namespace: string;
  start: number;
  source: { repoURL: string; path: string; targetRevision: string };
}

function identityOf(index: number): AppIdentity {
  const serviceIndex = Math.floor(index / ENVS.length);
  const env = ENVS[index % ENVS.length];
  const service = `svc-${String(serviceIndex).padStart(4, '0')}`;
  return {
    index,
    serviceIndex,
    service,
    env,
    name: `${service}-${env}`,
    namespace: serviceIndex % 5 === 4 ? 'team-load' : 'argocd',
    start: BASE_TIME + (index % 600) * 60_000,
    source: {
      repoURL: `https://github.com/acme/${service}-deploy.git`,
      path: `overlays/${env}`,
      targetRevision: 'main',
    },
  };
}

/** `historyLength` deploys, oldest first, and the commit metadata of each revision. */
function generateHistory(app: AppIdentity, historyLength: number) {
  const revisions = new Map<string, RevisionMetadata>();
  const history: ArgoHistoryEntry[] = [];
  for (let k = 0; k < historyLength; k++) {
    const revision = sha1(`${app.name}:${k}`);
    const deployedAt = app.start + k * 6 * HOUR;
    revisions.set(revision, {
      author: AUTHORS[(app.index + k) % AUTHORS.length],
      date: iso(deployedAt - 20 * 60_000),
      message: `${app.service}: bump image to 1.${k}.0 in ${app.env}`,
    });
    history.push({
      revision,
      deployedAt: iso(deployedAt + 40_000),
      id: k + 1,
      source: app.source,
      deployStartedAt: iso(deployedAt),
      initiatedBy: k % 4 === 0 ? { username: 'admin' } : { automated: true },
    });
  }
  return { revisions, history };
}

/** The revision Git wants: the last deploy's, or a newer commit (with metadata too) when the app has not followed. */
function syncRevisionOf(
  app: AppIdentity,
  condition: Condition,
  lastDeployed: ArgoHistoryEntry | undefined,
  revisions: Map<string, RevisionMetadata>,
  historyLength: number,
): string {
  if (condition.sync === 'OutOfSync' || !lastDeployed) {
    const head = sha1(`${app.name}:head`);
    revisions.set(head, {
      author: AUTHORS[app.index % AUTHORS.length],
      date: iso(app.start + historyLength * 6 * HOUR),
      message: `${app.service}: raise memory limit in ${app.env}`,
    });
    return head;
  }
  return lastDeployed.revision ?? sha1(`${app.name}:head`);
}

/** `status.resources`: the app's Deployment, in the app's condition, and its Service. */
function managedResources(app: AppIdentity, condition: Condition) {
  return [
    {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespace: app.service,
      name: app.name,
      status: condition.sync,
      health:
        condition.health === 'Missing'
          ? { status: 'Missing' }
          : { status: condition.health },
    },
    {
      version: 'v1',
      kind: 'Service',
      namespace: app.service,
      name: app.name,
      status: 'Synced',
      health: { status: 'Healthy' },
    },
  ];
}

/** The last successful sync, as `status.operationState` records it. */
function operationStateOf(
  lastDeployed: ArgoHistoryEntry,
  source: AppIdentity['source'],
) {
  return {
    operation: {
      sync: { revision: lastDeployed.revision, syncStrategy: { hook: {} } },
      initiatedBy: lastDeployed.initiatedBy,
      retry: {},
    },
    phase: 'Succeeded',
    message: 'successfully synced (all tasks run)',
    syncResult: { revision: lastDeployed.revision, source },
    startedAt: lastDeployed.deployStartedAt,
    finishedAt: lastDeployed.deployedAt,
  };
}

/** The `index`-th generated app (`svc-<index / 3>-<env>`), the same for the same arguments. */
export function generateApp(index: number, historyLength: number): AppRecord {
  const app = identityOf(index);
  const { name, service, source } = app;
  const condition = pickCondition(random(index + 1)());
  const { revisions, history } = generateHistory(app, historyLength);
  const lastDeployed = history[history.length - 1];
  const syncRevision = syncRevisionOf(
    app,
    condition,
    lastDeployed,
    revisions,
    historyLength,
  );
  const image = `registry.acme.example/${service}:1.${Math.max(
    historyLength - 1,
    0,
  )}.0`;
  const destination = {
    server: 'https://kubernetes.default.svc',
    namespace: service,
  };
  const application: ArgoApplication = {
    metadata: {
      name,
      namespace: app.namespace,
      uid: uid(`${name}/app`),
      resourceVersion: String(4_000_000 + index),
      generation: 10 + historyLength,
      creationTimestamp: iso(app.start - 24 * HOUR),
      labels: { 'app.kubernetes.io/part-of': service, env: app.env },
    },
    spec: {
      source,
      destination,
      project: `team-${app.serviceIndex % 10}`,
      syncPolicy: {
        automated: { prune: true, selfHeal: app.env !== 'prod' },
      },
    },
    status: {
      resources: managedResources(app, condition),
      sync: {
        status: condition.sync,
        comparedTo: { source, destination: { ...destination } },
        revision: syncRevision,
      },
      health: { status: condition.health },
      history,
      reconciledAt: iso(app.start + historyLength * 6 * HOUR + HOUR),
      ...(lastDeployed && {
        operationState: operationStateOf(lastDeployed, source),
      }),
      sourceType: 'Kustomize',
      summary: { images: [image] },
      controllerNamespace: 'argocd',
    },
  };
  return {
    application,
    resourceTree: () => buildTree(name, service, image, condition.health),
    revisions,
  };
}

export function generateInstances(options: GenerateOptions): InstanceData[] {
  const names = options.instances?.length
    ? options.instances
    : ['central', 'edge'];
  if (!Number.isInteger(options.applications) || options.applications < 0) {
    throw new Error(
      `generate.applications must be a non-negative integer, got ${options.applications}`,
    );
  }
  if (!Number.isInteger(options.historyLength) || options.historyLength < 0) {
    throw new Error(
      `generate.historyLength must be a non-negative integer, got ${options.historyLength}`,
    );
  }
  const instances: InstanceData[] = names.map(name => ({ name, apps: [] }));
  for (let i = 0; i < options.applications; i++) {
    instances[i % instances.length].apps.push(
      generateApp(i, options.historyLength),
    );
  }
  return instances;
}
