import { call } from './__testUtils__/call';
import { openWatch, type OpenWatch } from './__testUtils__/watchLines';
import {
  motionIntervalFromEnv,
  startDemoMotion,
  type DemoMotion,
  type DemoMotionOptions,
} from './demoMotion';
import { startSimulator } from './server';
import type { ArgoApplication, Simulator } from './types';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const HOUR = 60 * 60 * 1000;

let simulator: Simulator;
let motion: DemoMotion | undefined;
let watch: OpenWatch | undefined;

beforeAll(async () => {
  simulator = await startSimulator({ operationDurationMs: 20 });
});

beforeEach(() => simulator.resetState());

afterEach(() => {
  motion?.stop();
  motion = undefined;
  watch?.abort();
  watch = undefined;
  jest.useRealTimers();
});

afterAll(() => simulator.close());

/** A motion whose timer stays quiet, stepped by hand. */
const stepped = (options: DemoMotionOptions = {}) => {
  motion = startDemoMotion(simulator, {
    intervalMs: HOUR,
    now: () => NOW,
    ...options,
  });
  return motion;
};

const inventory = () => simulator.application('edge', 'inventory-service-dev')!;
const ordersWorker = () =>
  simulator.application('central', 'orders-worker-prod', 'team-orders')!;
const version = (app: ArgoApplication) => Number(app.metadata.resourceVersion);
const deploymentOf = (app: ArgoApplication) =>
  app.status?.resources?.find(resource => resource.kind === 'Deployment');
const state = (app: ArgoApplication) =>
  [
    app.status?.sync?.status,
    app.status?.sync?.revision,
    app.status?.health?.status,
    app.status?.operationState?.phase,
  ].join(' ');

const resetOverHttp = async () => {
  const response = await fetch(`${simulator.url}/_sim/state/reset`, {
    method: 'POST',
  });
  expect(response.status).toBe(204);
};

describe('startDemoMotion', () => {
  it('upgrades inventory-service-dev to the next chart version as auto-sync would, then lets orders-worker-prod degrade and recover', () => {
    const loaded = inventory();
    expect(state(loaded)).toBe('Synced 2.4.1 Healthy Succeeded');
    const { step } = stepped();
    const at = '2026-12-01T10:00:00Z';

    expect(step()).toEqual({
      app: 'edge/inventory-service-dev',
      phase: 'OutOfSync',
    });
    const outOfSync = inventory();
    expect(state(outOfSync)).toBe('OutOfSync 2.4.2 Healthy Succeeded');
    expect(outOfSync.spec.source?.targetRevision).toBe('2.4.2');
    expect(outOfSync.status?.sync?.comparedTo).toMatchObject({
      source: { chart: 'inventory-service', targetRevision: '2.4.2' },
    });
    expect(deploymentOf(outOfSync)?.status).toBe('OutOfSync');
    expect(outOfSync.operation).toBeUndefined();
    expect(version(outOfSync)).toBeGreaterThan(version(loaded));

    expect(step()).toEqual({
      app: 'edge/inventory-service-dev',
      phase: 'Syncing',
    });
    const syncing = inventory();
    expect(state(syncing)).toBe('OutOfSync 2.4.2 Progressing Running');
    expect(syncing.operation).toEqual({
      sync: { revision: '2.4.2', prune: true },
      initiatedBy: { automated: true },
      retry: {},
    });
    expect(syncing.status?.operationState).toMatchObject({
      message: 'one or more tasks are running',
      startedAt: at,
    });
    expect(deploymentOf(syncing)?.health).toMatchObject({
      status: 'Progressing',
    });
    expect(version(syncing)).toBeGreaterThan(version(outOfSync));

    expect(step()).toEqual({
      app: 'edge/inventory-service-dev',
      phase: 'Synced',
    });
    const synced = inventory();
    expect(state(synced)).toBe('Synced 2.4.2 Healthy Succeeded');
    expect(synced.operation).toBeUndefined();
    expect(synced.status?.operationState).toMatchObject({
      message: 'successfully synced (all tasks run)',
      startedAt: at,
      finishedAt: at,
      syncResult: { revision: '2.4.2' },
    });
    expect(synced.status?.history?.map(entry => entry.id)).toEqual([
      3, 4, 5, 6,
    ]);
    expect(synced.status?.history?.at(-1)).toMatchObject({
      id: 6,
      revision: '2.4.2',
      source: { targetRevision: '2.4.2' },
      deployStartedAt: at,
      deployedAt: at,
      initiatedBy: { automated: true },
    });
    expect(synced.status?.summary?.images).toEqual([
      'registry.acme.example/inventory/inventory-service:2.4.2',
    ]);
    expect(deploymentOf(synced)).toMatchObject({
      status: 'Synced',
      health: { status: 'Healthy' },
    });

    expect(ordersWorker().status?.health).toEqual({ status: 'Healthy' });
    expect(step()).toEqual({
      app: 'central/orders-worker-prod',
      phase: 'Degraded',
    });
    expect(ordersWorker().status?.health).toEqual({ status: 'Degraded' });
    expect(deploymentOf(ordersWorker())?.health).toEqual({
      status: 'Degraded',
      message: 'Deployment "orders-worker" exceeded its progress deadline',
    });
    expect(step()).toEqual({
      app: 'central/orders-worker-prod',
      phase: 'Healthy',
    });
    expect(ordersWorker().status?.health).toEqual({ status: 'Healthy' });
    expect(deploymentOf(ordersWorker())?.health).toEqual({ status: 'Healthy' });

    // Round again: the next chart version.
    expect(step()).toEqual({
      app: 'edge/inventory-service-dev',
      phase: 'OutOfSync',
    });
    expect(state(inventory())).toBe('OutOfSync 2.4.3 Healthy Succeeded');
  });

  it('is seen on the watch stream as MODIFIED events under growing resourceVersions, and the resource tree follows', async () => {
    watch = await openWatch(simulator, 'edge', '?name=inventory-service-dev');
    expect((await watch.next()).result.type).toBe('ADDED');
    const { step } = stepped();
    step();
    step();
    const tree = await call(
      simulator,
      'edge',
      '/api/v1/applications/inventory-service-dev/resource-tree',
    );
    const deploymentNode = tree.body.nodes.find(
      (node: any) => node.kind === 'Deployment',
    );
    expect(deploymentNode.health.status).toBe('Progressing');
    step();

    const events = [];
    for (let i = 0; i < 5; i += 1) {
      events.push((await watch.next()).result);
    }
    expect(await watch.quietFor(50)).toBe(true);
    expect(events.map(event => event.type)).toEqual(Array(5).fill('MODIFIED'));
    const versions = events.map(event => version(event.application));
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(5);
    // The operation and comparison first, the health in a write of its own, as Argo CD's controller writes them.
    expect(events.map(event => state(event.application))).toEqual([
      'OutOfSync 2.4.2 Healthy Succeeded',
      'OutOfSync 2.4.2 Healthy Running',
      'OutOfSync 2.4.2 Progressing Running',
      'Synced 2.4.2 Progressing Succeeded',
      'Synced 2.4.2 Healthy Succeeded',
    ]);
  });

  it('steps every intervalMs from its timer until stopped', () => {
    jest.useFakeTimers();
    motion = startDemoMotion(simulator, { intervalMs: 1000 });
    const before = version(inventory());
    const ordersBefore = ordersWorker();
    jest.advanceTimersByTime(999);
    expect(version(inventory())).toBe(before);
    jest.advanceTimersByTime(1);
    expect(state(inventory())).toMatch(/^OutOfSync 2.4.2/);
    jest.advanceTimersByTime(1000);
    expect(state(inventory())).toMatch(/Progressing Running$/);

    motion.stop();
    const stopped = version(inventory());
    jest.advanceTimersByTime(10_000);
    expect(version(inventory())).toBe(stopped);
    expect(ordersWorker()).toBe(ordersBefore);
  });

  it('goes on after POST /_sim/state/reset, from the apps as loaded', async () => {
    const onError = jest.fn();
    const { step } = stepped({ onError });
    step();
    step();
    await resetOverHttp();
    expect(state(inventory())).toBe('Synced 2.4.1 Healthy Succeeded');
    expect(inventory().operation).toBeUndefined();

    expect(step()).toEqual({
      app: 'edge/inventory-service-dev',
      phase: 'OutOfSync',
    });
    expect(step()?.phase).toBe('Syncing');
    expect(step()?.phase).toBe('Synced');
    expect(state(inventory())).toBe('Synced 2.4.2 Healthy Succeeded');
    expect(inventory().status?.history?.at(-1)?.id).toBe(6);

    // A reset while orders-worker-prod is Degraded brings it back Healthy, and the cycle begins again.
    expect(step()?.phase).toBe('Degraded');
    await resetOverHttp();
    expect(ordersWorker().status?.health).toEqual({ status: 'Healthy' });
    expect(step()).toEqual({
      app: 'central/orders-worker-prod',
      phase: 'Degraded',
    });
    expect(onError).not.toHaveBeenCalled();
  });

  it('goes on from the phase that fits when someone else changed the app mid-cycle', async () => {
    const { step } = stepped();
    step();
    const outOfSync = inventory();
    const refreshed = await call(
      simulator,
      'edge',
      '/api/v1/applications/inventory-service-dev?refresh=normal',
    );
    expect(refreshed.status).toBe(200);
    expect(version(inventory())).toBeGreaterThan(version(outOfSync));
    expect(step()).toEqual({
      app: 'edge/inventory-service-dev',
      phase: 'Syncing',
    });
  });

  it('leaves a sync started from the portal to the simulated controller and moves another app meanwhile', async () => {
    const { step } = stepped();
    step();
    const sync = await call(
      simulator,
      'edge',
      '/api/v1/applications/inventory-service-dev/sync',
      {
        method: 'POST',
        body: {},
      },
    );
    expect(sync.status).toBe(200);

    expect(step()).toEqual({
      app: 'central/orders-worker-prod',
      phase: 'Degraded',
    });
    await simulator.settled();
    const deployed = inventory();
    expect(state(deployed)).toBe('Synced 2.4.2 Healthy Succeeded');
    expect(deployed.status?.history?.at(-1)).toMatchObject({
      revision: '2.4.2',
      initiatedBy: { username: 'backstage' },
    });

    expect(step()?.phase).toBe('Healthy');
    expect(step()).toEqual({
      app: 'edge/inventory-service-dev',
      phase: 'OutOfSync',
    });
    expect(state(inventory())).toBe('OutOfSync 2.4.3 Healthy Succeeded');
  });

  it('starts with the app its seed picks', () => {
    expect(stepped({ seed: 1 }).step()).toEqual({
      app: 'central/orders-worker-prod',
      phase: 'Degraded',
    });
  });

  it('does nothing, without failing, where the demo apps do not exist', async () => {
    const generated = await startSimulator({
      generate: { applications: 4, historyLength: 2 },
    });
    try {
      motion = startDemoMotion(generated, { intervalMs: HOUR });
      expect(motion.step()).toBeUndefined();
    } finally {
      await generated.close();
    }
  });

  it('refuses an interval that is not positive', () => {
    expect(() => startDemoMotion(simulator, { intervalMs: 0 })).toThrow(
      'The motion interval must be positive, not 0',
    );
  });
});

describe('motionIntervalFromEnv', () => {
  it('is on every 20 s by default, off with GITOPS_SIM_MOTION=off', () => {
    expect(motionIntervalFromEnv({})).toBe(20_000);
    expect(motionIntervalFromEnv({ GITOPS_SIM_MOTION_SECONDS: '5' })).toBe(
      5000,
    );
    expect(motionIntervalFromEnv({ GITOPS_SIM_MOTION: 'off' })).toBeUndefined();
    expect(motionIntervalFromEnv({ GITOPS_SIM_MOTION: 'OFF' })).toBeUndefined();
    expect(motionIntervalFromEnv({ GITOPS_SIM_MOTION: 'on' })).toBe(20_000);
  });

  it('refuses an interval that is not a positive number', () => {
    expect(() =>
      motionIntervalFromEnv({ GITOPS_SIM_MOTION_SECONDS: 'soon' }),
    ).toThrow('GITOPS_SIM_MOTION_SECONDS must be a positive number, not soon');
  });
});
