import { InstanceStore, type AppChange } from './instanceStore';
import { BUNDLED_SCENARIO_DIR, loadScenarioDir } from './scenarios';
import type { AppRecord, ArgoApplication } from './types';

let store: InstanceStore;
let changes: AppChange[];
let unsubscribe: () => void;

beforeEach(async () => {
  const [central] = await loadScenarioDir(BUNDLED_SCENARIO_DIR);
  store = new InstanceStore(central);
  changes = [];
  unsubscribe = store.subscribe(change => changes.push(change));
});

const record = (name: string) => store.find('argocd', name)!;
const version = (app: ArgoApplication) => Number(app.metadata.resourceVersion);
const names = () => store.apps.map(r => r.application.metadata.name);
const seen = () =>
  changes.map(
    ({ type, application }) =>
      `${type} ${application.metadata.name} ${application.metadata.resourceVersion}`,
  );
const newApp = (name: string): AppRecord => {
  const { application } = record('payments-api-staging');
  return {
    application: {
      ...application,
      metadata: { ...application.metadata, name },
    },
    resourceTree: () => ({}),
    revisions: new Map(),
  };
};

describe('the change feed of InstanceStore', () => {
  it('tells listeners of every replace, under the new resourceVersion', () => {
    expect(store.resourceVersion).toBe('48211937');
    const prod = record('payments-api-prod');
    const stored = store.replace(prod, prod.application);
    expect(changes).toEqual([{ type: 'MODIFIED', application: stored }]);
    expect(stored.metadata.resourceVersion).toBe('48211938');
    expect(store.resourceVersion).toBe('48211938');
  });

  it('adds apps in list order (ADDED) and deletes them (DELETED, under a new resourceVersion)', () => {
    const added = store.add(newApp('payments-api-qa'));
    expect(names()).toEqual([
      'checkout-web-prod',
      'checkout-web-staging',
      'inventory-service-prod',
      'orders-worker-prod',
      'orders-worker-staging',
      'payments-api-prod',
      'payments-api-qa',
      'payments-api-staging',
    ]);
    expect(() => store.add(newApp('payments-api-qa'))).toThrow(
      'Application argocd/payments-api-qa already exists in central',
    );
    const deleted = store.delete(record('payments-api-qa'));
    expect(changes).toEqual([
      { type: 'ADDED', application: added },
      { type: 'DELETED', application: deleted },
    ]);
    expect(version(deleted)).toBe(version(added) + 1);
    expect(store.find('argocd', 'payments-api-qa')).toBeUndefined();
    expect(store.resourceVersion).toBe(deleted.metadata.resourceVersion);
  });

  it('resets with newer resourceVersions, never rewinding them, and tells of each app it changes', () => {
    const prod = record('payments-api-prod');
    const loaded = prod.application;
    const loadedTree = prod.resourceTree;
    store.replace(prod, {
      ...loaded,
      status: { ...loaded.status, health: { status: 'Healthy' } },
    });
    store.delete(record('checkout-web-prod'));
    store.add(newApp('payments-api-qa'));
    changes.length = 0;

    store.reset();
    expect(seen()).toEqual([
      'DELETED payments-api-qa 48211941',
      'ADDED checkout-web-prod 48211942',
      'MODIFIED payments-api-prod 48211943',
    ]);
    expect(store.resourceVersion).toBe('48211943');
    const { resourceVersion: _version, ...metadata } = loaded.metadata;
    expect(record('payments-api-prod').application).toEqual({
      ...loaded,
      metadata: { ...metadata, resourceVersion: '48211943' },
    });
    expect(prod.resourceTree).toBe(loadedTree);
    expect(names()).toHaveLength(7);

    // Everything is as loaded already: nothing to tell
    changes.length = 0;
    store.reset();
    expect(changes).toEqual([]);
    expect(store.resourceVersion).toBe('48211943');
  });

  it('counts listeners and stops calling one that unsubscribed', () => {
    const other: AppChange[] = [];
    const stop = store.subscribe(change => other.push(change));
    expect(store.listenerCount).toBe(2);
    stop();
    unsubscribe();
    expect(store.listenerCount).toBe(0);
    store.replace(
      record('payments-api-prod'),
      record('payments-api-prod').application,
    );
    expect([changes, other]).toEqual([[], []]);
  });

  it('tells nothing of a write to an app deleted meanwhile', () => {
    const prod = record('payments-api-prod');
    store.delete(prod);
    changes.length = 0;
    store.replace(prod, prod.application);
    expect(changes).toEqual([]);
  });
});
