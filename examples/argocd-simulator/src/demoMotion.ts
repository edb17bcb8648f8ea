import {
  withOperationRunning,
  withRequestedOperation,
} from './operations/lifecycle';
import { withOperationFinished } from './operations/syncOutcome';
import { rfc3339 } from './rfc3339';
import type { ArgoApplication, ArgoOperation, Simulator } from './types';

/*
 * The demo's "motion": every so often one demo app changes as Argo CD would change it, so the portal's live updates
 * have something to show. The changes go through the simulator's own writes, so watch streams get MODIFIED events
 * under growing resourceVersions. The apps are ones no browser test asserts a state of; their revisions are chart
 * versions or unchanged, because a new Git commit would have no revision metadata and the portal would say so.
 */

export const DEFAULT_MOTION_INTERVAL_MS = 20_000;

/** What the motion needs of a simulator. */
export type MotionTarget = Pick<
  Simulator,
  'instances' | 'application' | 'putApplication' | 'setApplicationStatus'
>;

export interface DemoMotionOptions {
  /** Time between two steps; default 20 s. */
  intervalMs?: number;
  /** Which app moves first; the same seed gives the same sequence of steps. */
  seed?: number;
  now?: () => number;
  /** A step that throws must not end the simulator; default `console.warn`. */
  onError?: (error: unknown) => void;
}

export interface DemoMotionStep {
  /** `<instance>/<app>` */
  app: string;
  phase: string;
}

export interface DemoMotion {
  /** The apps that move, `<instance>/<app>`. */
  apps: string[];
  /** One step now; undefined when no app was in a state to move. */
  step(): DemoMotionStep | undefined;
  stop(): void;
}

type Status = NonNullable<ArgoApplication['status']>;
type Resource = NonNullable<Status['resources']>[number];

interface Phase {
  name: string;
  /** The app's next document, or undefined when the app is not in the state this phase moves on from. */
  next(app: ArgoApplication, now: string): ArgoApplication | undefined;
}

interface Cycle {
  instance: string;
  name: string;
  appNamespace?: string;
  phases: Phase[];
}

const healthOf = (app: ArgoApplication) => app.status?.health?.status;

/** `status.resources` with the app's Deployment changed. */
const deploymentChanged = (
  app: ArgoApplication,
  change: Partial<Resource>,
): Status['resources'] =>
  app.status?.resources?.map(resource =>
    resource.kind === 'Deployment' ? { ...resource, ...change } : resource,
  );

/** The app's health, and its Deployment's, which carries the message (Argo CD's app health has none). */
function withHealth(
  app: ArgoApplication,
  status: string,
  message?: string,
): ArgoApplication {
  const resources = deploymentChanged(app, {
    health: { status, ...(message && { message }) },
  });
  return { ...app, status: { ...app.status, resources, health: { status } } };
}

const nextPatch = (version: string | undefined) => {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version ?? '');
  return match && `${match[1]}.${match[2]}.${Number(match[3]) + 1}`;
};

/**
 * A new chart version is set as the target (as Renovate bumping the app-of-apps would), auto-sync picks it up, the
 * rollout runs, and the app ends Synced and Healthy with a new history entry.
 */
const chartUpgrade: Phase[] = [
  {
    name: 'OutOfSync',
    next(app, now) {
      const { source, syncPolicy } = app.spec as ArgoApplication['spec'] & {
        syncPolicy?: { automated?: unknown };
      };
      const version = nextPatch(source?.targetRevision);
      if (
        !source?.chart ||
        !version ||
        !syncPolicy?.automated ||
        app.operation ||
        app.status?.sync?.status !== 'Synced'
      ) {
        return undefined;
      }
      const target = { ...source, targetRevision: version };
      const sync = app.status.sync;
      return {
        ...app,
        spec: { ...app.spec, source: target },
        status: {
          ...app.status,
          resources: deploymentChanged(app, { status: 'OutOfSync' }),
          sync: {
            ...sync,
            status: 'OutOfSync',
            revision: version,
            comparedTo: { ...(sync.comparedTo as object), source: target },
          },
          reconciledAt: now,
        },
      };
    },
  },
  {
    name: 'Syncing',
    next(app, now) {
      const revision = app.status?.sync?.revision;
      if (
        !revision ||
        app.operation ||
        app.status?.sync?.status !== 'OutOfSync'
      ) {
        return undefined;
      }
      const policy = app.spec.syncPolicy as Record<string, any> | undefined;
      // What Argo CD's auto-sync asks for (controller/appcontroller.go autoSync).
      const operation: ArgoOperation = {
        sync: {
          revision,
          ...(policy?.automated?.prune && { prune: true }),
          ...(policy?.syncOptions && { syncOptions: policy.syncOptions }),
        },
        initiatedBy: { automated: true },
        retry: policy?.retry ?? {},
      };
      const running = withOperationRunning(
        withRequestedOperation(app, operation),
        now,
      );
      return withHealth(
        running,
        'Progressing',
        'Waiting for rollout to finish: 0 of 1 updated replicas are available...',
      );
    },
  },
  {
    name: 'Synced',
    next(app, now) {
      // Only the auto-sync this cycle started; the simulated controller finishes a user's sync itself.
      if (!app.operation?.initiatedBy?.automated) {
        return undefined;
      }
      const before = app.status?.history?.at(-1)?.revision;
      const finished = withOperationFinished(app, undefined, now);
      const after = finished.status?.history?.at(-1)?.revision;
      const summary = finished.status?.summary as
        | { images?: string[] }
        | undefined;
      const images = summary?.images?.map(image =>
        before && after && image.endsWith(`:${before}`)
          ? `${image.slice(0, -before.length)}${after}`
          : image,
      );
      return images
        ? {
            ...finished,
            status: { ...finished.status, summary: { ...summary, images } },
          }
        : finished;
    },
  },
];

/**
 * A scale-up waits for a node longer than the Deployment's progress deadline (Degraded), then the cluster
 * autoscaler's node arrives and the rollout completes (Healthy), with no sync in between.
 */
const stalledScaleUp = (deployment: string): Phase[] => [
  {
    name: 'Degraded',
    next: app =>
      healthOf(app) === 'Healthy' && !app.operation
        ? withHealth(
            app,
            'Degraded',
            `Deployment "${deployment}" exceeded its progress deadline`,
          )
        : undefined,
  },
  {
    name: 'Healthy',
    next: app =>
      healthOf(app) === 'Degraded' ? withHealth(app, 'Healthy') : undefined,
  },
];

const DEMO_CYCLES: Cycle[] = [
  { instance: 'edge', name: 'inventory-service-dev', phases: chartUpgrade },
  {
    instance: 'central',
    name: 'orders-worker-prod',
    appNamespace: 'team-orders',
    phases: stalledScaleUp('orders-worker'),
  },
];

/**
 * Stores the next document as Argo CD's controller writes it: the operation and comparison in one write, the health
 * in one of its own (which also brings the resource tree in line with it).
 */
function store(
  target: MotionTarget,
  cycle: Cycle,
  current: ArgoApplication,
  next: ArgoApplication,
): void {
  const health = healthOf(next);
  target.putApplication(cycle.instance, {
    ...next,
    status: { ...next.status, health: current.status?.health },
  });
  if (typeof health === 'string' && health !== healthOf(current)) {
    target.setApplicationStatus(cycle.instance, cycle.name, {
      appNamespace: cycle.appNamespace,
      health: { status: health },
    });
  }
}

/** Starts moving the demo apps, one step every `intervalMs`; the timer never holds the process open. */
export function startDemoMotion(
  target: MotionTarget,
  options: DemoMotionOptions = {},
): DemoMotion {
  const cycles = DEMO_CYCLES;
  const intervalMs = options.intervalMs ?? DEFAULT_MOTION_INTERVAL_MS;
  if (!(intervalMs > 0)) {
    throw new Error(`The motion interval must be positive, not ${intervalMs}`);
  }
  const now = options.now ?? Date.now;
  const onError = options.onError ?? (error => console.warn(error));
  let cycleIndex = Math.abs(Math.trunc(options.seed ?? 0)) % cycles.length;

  const nextCycle = () => {
    cycleIndex = (cycleIndex + 1) % cycles.length;
  };

  const advance = (): DemoMotionStep | undefined => {
    const cycle = cycles[cycleIndex];
    const current = target.instances.includes(cycle.instance)
      ? target.application(cycle.instance, cycle.name, cycle.appNamespace)
      : undefined;
    if (!current) {
      return undefined;
    }
    // Each phase moves on from a state of its own, so the cycle goes on from the app as it is now, also after
    // someone else wrote it (a reset, a refresh or a sync from the portal).
    const at = rfc3339(now());
    for (const [index, phase] of cycle.phases.entries()) {
      const next = phase.next(current, at);
      if (next) {
        store(target, cycle, current, next);
        if (index === cycle.phases.length - 1) {
          nextCycle();
        }
        return { app: `${cycle.instance}/${cycle.name}`, phase: phase.name };
      }
    }
    return undefined;
  };

  const step = () => {
    // An app in no state to move (a user's sync running) leaves the step to the next app.
    for (let tried = 0; tried < cycles.length; tried += 1) {
      const moved = advance();
      if (moved) {
        return moved;
      }
      nextCycle();
    }
    return undefined;
  };

  const timer = setInterval(() => {
    try {
      step();
    } catch (error) {
      onError(error);
    }
  }, intervalMs);
  timer.unref();

  return {
    apps: cycles.map(cycle => `${cycle.instance}/${cycle.name}`),
    step,
    stop: () => clearInterval(timer),
  };
}

/** The motion's interval from `GITOPS_SIM_MOTION` and `GITOPS_SIM_MOTION_SECONDS`; undefined when it is off. */
export function motionIntervalFromEnv(
  env: Record<string, string | undefined>,
): number | undefined {
  if (
    ['off', 'false', '0'].includes(env.GITOPS_SIM_MOTION?.toLowerCase() ?? '')
  ) {
    return undefined;
  }
  const seconds = Number(
    env.GITOPS_SIM_MOTION_SECONDS || DEFAULT_MOTION_INTERVAL_MS / 1000,
  );
  if (!(seconds > 0)) {
    throw new Error(
      `GITOPS_SIM_MOTION_SECONDS must be a positive number, not ${env.GITOPS_SIM_MOTION_SECONDS}`,
    );
  }
  return seconds * 1000;
}
