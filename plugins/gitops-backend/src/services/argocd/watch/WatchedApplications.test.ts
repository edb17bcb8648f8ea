import type { ApplicationSummary } from '@gitops-guide/backstage-plugin-gitops-common';
import {
  WatchedApplications,
  type WatchedApplication,
} from './WatchedApplications';

function app(
  name: string,
  resourceVersion: string,
  extra: {
    namespace?: string;
    project?: string;
    labels?: Record<string, string>;
    health?: string;
  } = {},
): WatchedApplication {
  return {
    summary: {
      instance: 'central',
      sourceKind: 'argocd',
      kind: 'Application',
      name,
      namespace: extra.namespace ?? 'argocd',
      project: extra.project ?? 'default',
      health: { status: extra.health ?? 'Healthy' },
    } as ApplicationSummary,
    labels: extra.labels ?? {},
    resourceVersion,
  };
}

const names = (apps: ApplicationSummary[]) => apps.map(a => a.name);
const healthOf = (store: WatchedApplications, name: string) =>
  store.select({ names: [name] })[0]?.health.status;

describe('WatchedApplications', () => {
  it('selects by names, label selector, project and namespace, sorted by name', () => {
    const store = new WatchedApplications();
    store.replaceAll(
      [
        app('payments-prod', '5', {
          labels: { team: 'payments', env: 'prod' },
        }),
        app('payments-dev', '4', { labels: { team: 'payments', env: 'dev' } }),
        app('orders', '3', { project: 'orders', labels: { team: 'orders' } }),
        app('orders', '2', { namespace: 'team-a', project: 'orders' }),
      ],
      '5',
    );

    expect(names(store.select({ selector: 'team=payments' }))).toEqual([
      'payments-dev',
      'payments-prod',
    ]);
    expect(
      names(store.select({ selector: 'team=payments,env notin (dev)' })),
    ).toEqual(['payments-prod']);
    expect(store.select({ names: ['orders'] })).toHaveLength(2);
    expect(
      store.select({ names: ['orders'], appNamespace: 'team-a' }),
    ).toMatchObject([{ namespace: 'team-a' }]);
    expect(names(store.select({ projects: ['orders'] }))).toEqual([
      'orders',
      'orders',
    ]);
    expect(
      names(
        store.select({ names: ['payments-dev', 'nope'], selector: 'env=prod' }),
      ),
    ).toEqual([]);
    expect(store.select({ names: ['nope'] })).toEqual([]);
  });

  it('keeps the newer of an event and what it holds, comparing resourceVersions as integers', () => {
    const store = new WatchedApplications();
    store.replaceAll([app('a', '9')], '9');

    expect(store.upsert(app('a', '10', { health: 'Degraded' }))).toBe(true);
    expect(store.upsert(app('a', '8', { health: 'Missing' }))).toBe(false);
    expect(healthOf(store, 'a')).toBe('Degraded');
    expect(store.newestResourceVersion).toBe('10');
  });

  it('never lets an older list undo an event that arrived while it was read', () => {
    const store = new WatchedApplications();
    store.replaceAll([app('a', '1'), app('b', '2')], '2');

    store.startList();
    store.upsert(app('a', '7', { health: 'Degraded' }));
    store.upsert(app('c', '8'));
    store.remove('argocd', 'b', '9');
    // The list was read at version 5: before all three events.
    store.replaceAll([app('a', '3'), app('b', '4')], '5');

    expect(healthOf(store, 'a')).toBe('Degraded');
    expect(names(store.select({}))).toEqual(['a', 'c']);
  });

  it('drops what a newer list no longer has, and takes what it changed', () => {
    const store = new WatchedApplications();
    store.replaceAll([app('a', '1'), app('b', '2')], '2');
    store.replaceAll([app('a', '6', { health: 'Progressing' })], '6');

    expect(names(store.select({}))).toEqual(['a']);
    expect(healthOf(store, 'a')).toBe('Progressing');
    expect(store.resourceVersionOf('argocd', 'a')).toBe('6');
  });

  it('forgets remembered selections when anything changes', () => {
    const store = new WatchedApplications();
    store.replaceAll([app('a', '1', { labels: { team: 'x' } })], '1');
    const first = store.select({ selector: 'team=x' });
    expect(store.select({ selector: 'team=x' })).toBe(first);

    store.upsert(app('b', '2', { labels: { team: 'x' } }));
    expect(names(store.select({ selector: 'team=x' }))).toEqual(['a', 'b']);
    store.remove('argocd', 'a', '3');
    expect(names(store.select({ selector: 'team=x' }))).toEqual(['b']);
  });

  it('applies every event when resourceVersions are not integers', () => {
    const store = new WatchedApplications();
    store.replaceAll([app('a', 'x1')], 'x1');
    expect(store.upsert(app('a', 'x0', { health: 'Degraded' }))).toBe(true);
    expect(healthOf(store, 'a')).toBe('Degraded');
  });
});
