import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  signalsServiceRef,
  type SignalPayload,
} from '@backstage/plugin-signals-node';
import { startSimulator, type Simulator } from '@gitops-guide/argocd-simulator';
import request from 'supertest';
import { applicationsPath, componentWith } from '../__fixtures__/entities';
import { eventually } from '../__testUtils__/eventually';
import { readRuleServices } from '../__testUtils__/readRule';
import {
  simulatorConfig,
  startGitOpsBackend,
} from '../__testUtils__/testBackend';

const ANA = 'user:default/ana';
const BEN = 'user:default/ben';

const paymentsApi = componentWith('payments-api', {
  'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
});
const checkoutWeb = componentWith('checkout-web', {
  'argocd/app-name': 'checkout-web-prod',
});
/** Ben may not read it: the catalog answers him as if it did not exist. */
const ledger = componentWith('ledger', {
  'argocd/app-name': 'payments-api-prod',
});

describe('changes pushed to the pages that show them', () => {
  let sim: Simulator;
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;
  const published: SignalPayload[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    const base = simulatorConfig(sim);
    // Ben may not read the ledger, however the plugin asks.
    const [catalog, permissions] = readRuleServices(
      [paymentsApi, checkoutWeb, ledger],
      (entityRef, user) =>
        user !== BEN || entityRef !== stringifyEntityRef(ledger),
    );
    const started = await startGitOpsBackend({
      config: {
        gitops: {
          argocd: {
            ...base,
            instances: base.instances.map(instance => ({
              ...instance,
              watch: true,
            })),
          },
        },
      },
      catalog,
      features: [
        permissions,
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            async publish(signal) {
              published.push(signal as SignalPayload);
            },
          }),
        }),
      ],
    });
    server = started.server;
    stop = () => started.backend.stop();
    await eventually(async () => {
      const res = await request(server).get('/api/gitops/health');
      if (res.body.watches?.synced !== 2) throw new Error('not synced yet');
    });
  });

  afterAll(async () => {
    await stop();
    await sim.close();
  });

  const load = (entity: string, user: string) =>
    request(server)
      .get(applicationsPath(entity))
      .set('authorization', mockCredentials.user.header(user));

  it('tells only the users who loaded a selecting entity, which they could read, and names no status', async () => {
    expect((await load('payments-api', ANA)).status).toBe(200);
    expect((await load('checkout-web', BEN)).status).toBe(200);
    expect((await load('ledger', BEN)).status).toBe(404);

    published.length = 0;
    const changed = sim.setApplicationStatus('central', 'payments-api-prod', {
      health: { status: 'Missing' },
    });

    const signal = await eventually(() => {
      expect(published).toHaveLength(1);
      return published[0];
    });
    expect(signal).toEqual({
      recipients: { type: 'user', entityRef: [ANA] },
      channel: 'gitops:applications',
      message: {
        entityRef: 'component:default/payments-api',
        applications: [
          {
            instance: 'central',
            name: 'payments-api-prod',
            namespace: 'argocd',
            resourceVersion: changed.metadata.resourceVersion,
          },
        ],
      },
    });
    // Ben could not read ledger, which selects the same application: nothing for him.
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(published).toHaveLength(1);
    expect(JSON.stringify(published)).not.toContain('Missing');
  });

  it('coalesces a burst of changes into one push per entity', async () => {
    await load('payments-api', ANA);
    published.length = 0;
    for (const status of ['Progressing', 'Degraded', 'Healthy']) {
      sim.setApplicationStatus('central', 'payments-api-staging', {
        health: { status },
      });
    }
    await eventually(() => expect(published).toHaveLength(1));
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(published).toHaveLength(1);
    expect(published[0].message).toMatchObject({
      applications: [{ name: 'payments-api-staging' }],
    });
  });
});
