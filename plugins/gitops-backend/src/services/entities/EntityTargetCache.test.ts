import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { setTimeout as sleep } from 'node:timers/promises';
import { EntityTargetCache } from './EntityTargetCache';

const REF = 'component:default/payments-api';
const entity = {
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default', annotations: {} },
} as unknown as Entity;

function cacheOver(
  items: () => (Entity | undefined)[],
  options: { ttlMs?: number; maxEntities?: number } = {},
) {
  const catalog = catalogServiceMock.mock({
    getEntitiesByRefs: jest.fn(async () => ({ items: items() })),
  });
  const cache = new EntityTargetCache({
    catalog,
    auth: mockServices.auth({ pluginId: 'gitops' }),
    ttlMs: options.ttlMs ?? 30_000,
    maxEntities: options.maxEntities,
  });
  return { catalog, cache };
}

describe('EntityTargetCache', () => {
  it("reads with the plugin's own credentials and keeps the entity", async () => {
    const { catalog, cache } = cacheOver(() => [entity]);
    await expect(cache.get(REF)).resolves.toBe(entity);
    await expect(cache.get(REF)).resolves.toBe(entity);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    const [, options] = (catalog.getEntitiesByRefs as jest.Mock).mock.calls[0];
    expect(options.credentials.principal).toEqual({
      type: 'service',
      subject: 'plugin:gitops',
    });
  });

  it('lets concurrent misses of one entity share one catalog read', async () => {
    const { catalog, cache } = cacheOver(() => [entity]);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => cache.get(REF)),
    );
    expect(results.every(result => result === entity)).toBe(true);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
  });

  it('reads again once the entity has been kept for ttlMs', async () => {
    const { catalog, cache } = cacheOver(() => [entity], { ttlMs: 20 });
    await cache.get(REF);
    await sleep(40);
    await cache.get(REF);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });

  it('does not remember an entity the catalog does not have, so a new one shows at once', async () => {
    let registered = false;
    const { cache } = cacheOver(() => [registered ? entity : undefined]);
    await expect(cache.get(REF)).resolves.toBeUndefined();
    registered = true;
    await expect(cache.get(REF)).resolves.toBe(entity);
  });

  it('keeps at most maxEntities', async () => {
    const { catalog, cache } = cacheOver(() => [entity], { maxEntities: 2 });
    await cache.get('component:default/a');
    await cache.get('component:default/b');
    await cache.get('component:default/c');
    await cache.get('component:default/a');
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(4);
  });

  it('lets a failed read through and keeps nothing of it', async () => {
    let fail = true;
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn(async () => {
        if (fail) throw new Error('catalog down');
        return { items: [entity] };
      }),
    });
    const cache = new EntityTargetCache({
      catalog,
      auth: mockServices.auth(),
      ttlMs: 30_000,
    });
    await expect(cache.get(REF)).rejects.toThrow('catalog down');
    fail = false;
    await expect(cache.get(REF)).resolves.toBe(entity);
  });
});
