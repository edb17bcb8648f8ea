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
