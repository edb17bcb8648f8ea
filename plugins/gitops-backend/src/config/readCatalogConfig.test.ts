import { ConfigReader } from '@backstage/config';
import { readCatalogConfig } from './readCatalogConfig';

const read = (data: object) => readCatalogConfig(new ConfigReader(data as any));

describe('readCatalogConfig', () => {
  it('keeps annotations 30 s without gitops.catalog', () => {
    expect(read({})).toEqual({ entityCacheSeconds: 30 });
  });

  it('reads entityCacheSeconds, 0 included', () => {
    expect(read({ gitops: { catalog: { entityCacheSeconds: 0 } } })).toEqual({
      entityCacheSeconds: 0,
    });
    expect(read({ gitops: { catalog: { entityCacheSeconds: 120 } } })).toEqual({
      entityCacheSeconds: 120,
    });
  });

  it('names a bad key', () => {
    expect(() =>
      read({ gitops: { catalog: { entityCacheSeconds: -1 } } }),
    ).toThrow(/gitops\.catalog\.entityCacheSeconds/);
    expect(() =>
      read({ gitops: { catalog: { entityCacheSeconds: '30' } } }),
    ).toThrow(/gitops\.catalog\.entityCacheSeconds/);
  });
});
