import type { ApplicationDetail } from '@gitops-guide/backstage-plugin-gitops-common';
import { WatchedObjects, type WatchedObject } from './WatchedObjects';

const object = (
  name: string,
  resourceVersion: string,
  options: { namespace?: string; labels?: Record<string, string> } = {},
): WatchedObject => ({
  detail: {
    name,
    namespace: options.namespace ?? 'flux-system',
    kind: 'Kustomization',
    instance: 'prod-eu',
  } as ApplicationDetail,
  labels: options.labels ?? {},
  links: {},
  resourceVersion,
});

const names = (details: ApplicationDetail[]) =>
  details.map(detail => `${detail.namespace}/${detail.name}`);

describe('WatchedObjects', () => {
  it('applies events, ignoring a version it already holds', () => {
    const store = new WatchedObjects();
    expect(store.upsert(object('web', '1'))?.type).toBe('ADDED');
    expect(store.upsert(object('web', '1'))).toBeUndefined();
    expect(store.holds('flux-system', 'web', '1')).toBe(true);
    expect(store.holds('flux-system', 'web', '2')).toBe(false);
    expect(store.upsert(object('web', '2'))?.type).toBe('MODIFIED');
    expect(store.remove('flux-system', 'web')).toMatchObject({
      type: 'DELETED',
      object: { resourceVersion: '2' },
    });
    expect(store.remove('flux-system', 'web')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('replaces everything with a list and answers the differences', () => {
    const store = new WatchedObjects();
    store.replaceAll([object('a', '1'), object('b', '1'), object('c', '1')]);
    const changes = store.replaceAll([
      object('a', '1'),
      object('b', '5'),
      object('d', '5'),
    ]);
    expect(
      changes.map(c => `${c.type} ${c.object.detail.name}`).sort(),
    ).toEqual(['ADDED d', 'DELETED c', 'MODIFIED b']);
    expect(names(store.select({}))).toEqual([
      'flux-system/a',
      'flux-system/b',
      'flux-system/d',
    ]);
  });

  it('selects by namespace, label selector and name, sorted by name, as the list calls would', () => {
    const store = new WatchedObjects();
    store.replaceAll([
      object('web', '1', { labels: { team: 'shop', tier: 'front' } }),
      object('api', '1', { namespace: 'team-a', labels: { team: 'shop' } }),
      object('api', '1', { labels: { team: 'billing' } }),
    ]);
    expect(names(store.select({ labelSelector: 'team=shop' }))).toEqual([
      'team-a/api',
      'flux-system/web',
    ]);
    expect(
      names(store.select({ labelSelector: 'team in (shop),tier!=front' })),
    ).toEqual(['team-a/api']);
    expect(
      names(store.select({ namespaces: ['flux-system'], name: 'api' })),
    ).toEqual(['flux-system/api']);
    expect(() => store.select({ labelSelector: 'team in shop' })).toThrow();
  });

  it('forgets remembered selections when anything changes', () => {
    const store = new WatchedObjects();
    store.upsert(object('web', '1', { labels: { team: 'shop' } }));
    const first = store.select({ labelSelector: 'team=shop' });
    expect(store.select({ labelSelector: 'team=shop' })).toBe(first);
    store.upsert(object('web', '2', { labels: { team: 'other' } }));
    expect(store.select({ labelSelector: 'team=shop' })).toEqual([]);
  });
});
