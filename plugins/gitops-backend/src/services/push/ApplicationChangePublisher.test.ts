import type { CacheService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { SignalPayload } from '@backstage/plugin-signals-node';
import type { ApplicationSummary } from '@gitops-guide/backstage-plugin-gitops-common';
import type { ApplicationChange } from '../applications/types';
import { ApplicationChangePublisher } from './ApplicationChangePublisher';
import { RecentViewers } from './RecentViewers';

function change(
  name: string,
  labels: Record<string, string> = {},
  resourceVersion = '7',
): ApplicationChange {
  return {
    type: 'MODIFIED',
    summary: {
      instance: 'central',
      name,
      namespace: 'argocd',
      project: 'default',
    } as ApplicationSummary,
    labels,
    resourceVersion,
  };
}

function publisherWith(published: SignalPayload[]) {
  return new ApplicationChangePublisher({
    signals: {
      async publish(signal) {
        published.push(signal as SignalPayload);
      },
    },
    logger: mockServices.logger.mock(),
    coalesceMs: 10_000,
  });
}

describe('ApplicationChangePublisher', () => {
  it('matches Flux objects with the Kubernetes annotations, as the cluster lists do', async () => {
    const published: SignalPayload[] = [];
    const publisher = publisherWith(published);
    publisher.viewed(
      'component:default/notifications',
      { kubernetesId: 'notifications' },
      'user:default/ana',
    );
    const flux = (name: string, id: string): ApplicationChange => {
      const base = change(name, { 'backstage.io/kubernetes-id': id });
      return {
        ...base,
        summary: { ...base.summary, sourceKind: 'flux', kind: 'Kustomization' },
      };
    };
    publisher.changed(flux('notifications-service', 'notifications'));
    publisher.changed(flux('billing', 'billing'));
    await publisher.flush();
    expect(published.map(signal => signal.message)).toEqual([
      {
        entityRef: 'component:default/notifications',
        applications: [
          expect.objectContaining({ name: 'notifications-service' }),
        ],
      },
    ]);
  });

  it('pushes one signal per entity that selects a changed application, to its recent viewers only', async () => {
    const published: SignalPayload[] = [];
    const publisher = publisherWith(published);
    publisher.viewed(
      'component:default/payments-api',
      { appSelector: 'app.kubernetes.io/part-of=payments-api' },
      'user:default/ana',
    );
    publisher.viewed(
      'component:default/payments-api',
      { appSelector: 'app.kubernetes.io/part-of=payments-api' },
      'user:default/ben',
    );
    publisher.viewed(
      'component:default/checkout-web',
      { appNames: ['checkout-web-prod'] },
      'user:default/cleo',
    );

    const partOf = { 'app.kubernetes.io/part-of': 'payments-api' };
    publisher.changed(change('payments-api-prod', partOf, '41'));
    publisher.changed(change('payments-api-prod', partOf, '42'));
    publisher.changed(change('payments-api-dev', partOf, '43'));
    publisher.changed(change('orders-api-prod'));
    await publisher.flush();

    expect(published).toEqual([
      {
        recipients: {
          type: 'user',
          entityRef: ['user:default/ana', 'user:default/ben'],
        },
        channel: 'gitops:applications',
        message: {
          entityRef: 'component:default/payments-api',
          applications: [
            {
              instance: 'central',
              name: 'payments-api-prod',
              namespace: 'argocd',
              resourceVersion: '42',
            },
            {
              instance: 'central',
              name: 'payments-api-dev',
              namespace: 'argocd',
              resourceVersion: '43',
            },
          ],
        },
      },
    ]);
    // The signal names applications, never their status.
    expect(JSON.stringify(published)).not.toMatch(/health|sync|Degraded/);
  });

  it('pushes nothing when nobody viewed a selecting entity, and keeps going when publishing fails', async () => {
    const published: SignalPayload[] = [];
    const publisher = publisherWith(published);
    publisher.changed(change('payments-api-prod'));
    await publisher.flush();
    expect(published).toEqual([]);

    const failing = new ApplicationChangePublisher({
      signals: {
        async publish() {
          throw new Error('events bus down');
        },
      },
      logger: mockServices.logger.mock(),
    });
    failing.viewed(
      'component:default/a',
      { appNames: ['a'] },
      'user:default/ana',
    );
    failing.changed(change('a'));
    await expect(failing.flush()).resolves.toBeUndefined();
  });
});

/** The cache replicas share (Redis in production); every call takes a turn of the event loop. */
function sharedCache(options: { failing?: boolean } = {}) {
  const values = new Map<string, unknown>();
  const calls = { get: 0, set: 0 };
  const turn = () =>
    new Promise<void>((resolve, reject) =>
      setImmediate(() =>
        options.failing ? reject(new Error('redis down')) : resolve(),
      ),
    );
  const cache: CacheService = {
    async get(key) {
      calls.get += 1;
      await turn();
      return values.get(key) as any;
    },
    async set(key, value) {
      calls.set += 1;
      await turn();
      values.set(key, value);
    },
    async delete(key) {
      await turn();
      values.delete(key);
    },
    withOptions: () => cache,
  };
  return { cache, calls };
}

/** How many signals reached each user, whichever replica sent them. */
function perUser(published: SignalPayload[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const signal of published) {
    if (signal.recipients.type !== 'user') continue;
    for (const user of [signal.recipients.entityRef].flat()) {
      counts[user] = (counts[user] ?? 0) + 1;
    }
  }
  return counts;
}

describe('ApplicationChangePublisher on several replicas', () => {
  const payments = { appSelector: 'app.kubernetes.io/part-of=payments-api' };
  const partOf = { 'app.kubernetes.io/part-of': 'payments-api' };

  /** Two replicas: Ana loaded the entity on both, Ben on the first, Cleo on the second. */
  function replicas(cache: CacheService | undefined) {
    const published: SignalPayload[] = [];
    const logger = mockServices.logger.mock();
    const replica = () =>
      new ApplicationChangePublisher({
        signals: {
          async publish(signal) {
            published.push(signal as SignalPayload);
          },
        },
        logger,
        cache,
        coalesceMs: 10_000,
        claimWaitMs: 20,
      });
    const [one, two] = [replica(), replica()];
    one.viewed('component:default/payments-api', payments, 'user:default/ana');
    one.viewed('component:default/payments-api', payments, 'user:default/ben');
    two.viewed('component:default/payments-api', payments, 'user:default/ana');
    two.viewed('component:default/payments-api', payments, 'user:default/cleo');
    return { one, two, published, logger };
  }

  it('tells each viewer once about a change both replicas see, through the cache they share', async () => {
    const { cache, calls } = sharedCache();
    const { one, two, published } = replicas(cache);

    // Both flush at the same moment: the last claim wins.
    one.changed(change('payments-api-prod', partOf, '41'));
    two.changed(change('payments-api-prod', partOf, '41'));
    await Promise.all([one.flush(), two.flush()]);
    expect(perUser(published)).toEqual({
      'user:default/ana': 1,
      'user:default/ben': 1,
      'user:default/cleo': 1,
    });
    for (const signal of published) {
      expect(signal.message).toEqual({
        entityRef: 'component:default/payments-api',
        applications: [
          {
            instance: 'central',
            name: 'payments-api-prod',
            namespace: 'argocd',
            resourceVersion: '41',
          },
        ],
      });
    }
    // One claim per replica and viewer, read before and after: no more.
    expect(calls).toEqual({ get: 8, set: 4 });

    // One replica flushes well after the other: the claim is already there.
    published.length = 0;
    one.changed(change('payments-api-prod', partOf, '42'));
    two.changed(change('payments-api-prod', partOf, '42'));
    await one.flush();
    await two.flush();
    expect(perUser(published)).toEqual({
      'user:default/ana': 1,
      'user:default/ben': 1,
      'user:default/cleo': 1,
    });

    // The same resourceVersion again (a relist) is not news.
    published.length = 0;
    one.changed(change('payments-api-prod', partOf, '42'));
    await one.flush();
    expect(published).toEqual([]);
  });

  it('tells a viewer known to both replicas twice without a shared cache, as before', async () => {
    const { one, two, published } = replicas(undefined);
    one.changed(change('payments-api-prod', partOf, '41'));
    two.changed(change('payments-api-prod', partOf, '41'));
    await Promise.all([one.flush(), two.flush()]);
    expect(perUser(published)).toEqual({
      'user:default/ana': 2,
      'user:default/ben': 1,
      'user:default/cleo': 1,
    });
    expect(published).toHaveLength(2);
  });

  it('pushes anyway when the shared cache fails: twice is better than never', async () => {
    const { cache } = sharedCache({ failing: true });
    const { one, two, published, logger } = replicas(cache);
    one.changed(change('payments-api-prod', partOf, '41'));
    two.changed(change('payments-api-prod', partOf, '41'));
    await Promise.all([one.flush(), two.flush()]);
    expect(perUser(published)).toEqual({
      'user:default/ana': 2,
      'user:default/ben': 1,
      'user:default/cleo': 1,
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Could not agree on pushes'),
      { error: 'Error: redis down' },
    );
  });
});

describe('RecentViewers', () => {
  it('forgets a viewer after the TTL since their last load, and the oldest entity past the bound', () => {
    let now = 0;
    const viewers = new RecentViewers({
      ttlMs: 100,
      maxEntities: 2,
      now: () => now,
    });
    viewers.viewed(
      'component:default/a',
      { appNames: ['a'] },
      'user:default/ana',
    );
    viewers.viewed(
      'component:default/b',
      { appNames: ['b'] },
      'user:default/ben',
    );
    now = 60;
    viewers.viewed(
      'component:default/a',
      { appNames: ['a'] },
      'user:default/ana',
    );
    now = 120;
    expect(viewers.current().map(e => e.entityRef)).toEqual([
      'component:default/a',
    ]);

    viewers.viewed(
      'component:default/c',
      { appNames: ['c'] },
      'user:default/cleo',
    );
    viewers.viewed(
      'component:default/d',
      { appNames: ['d'] },
      'user:default/dan',
    );
    expect(viewers.current().map(e => e.entityRef)).toEqual([
      'component:default/c',
      'component:default/d',
    ]);
  });
});
