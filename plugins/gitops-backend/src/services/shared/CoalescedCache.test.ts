import type { CacheService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { CoalescedCache } from './CoalescedCache';

/** A cache over a Map whose reads wait for `release()`, to hold a plain read in flight. */
function slowCache() {
  const entries = new Map<string, unknown>();
  let release: () => void = () => {};
  const gate = new Promise<void>(resolve => {
    release = resolve;
  });
  const cache = {
    async get(key: string) {
      await gate;
      return entries.get(key);
    },
    async set(key: string, value: unknown) {
      entries.set(key, value);
    },
  } as unknown as CacheService;
  return { cache, entries, release };
}

describe('CoalescedCache', () => {
  const logger = mockServices.logger.mock();

  it('reads a fresh value upstream and writes it back for plain reads', async () => {
    const { cache, entries, release } = slowCache();
    release();
    entries.set('k', 'cached');
    const answers = new CoalescedCache({ cache, ttlMs: 1000, logger });
    const load = jest.fn(async () => 'upstream');

    await expect(answers.get('k', load)).resolves.toBe('cached');
    await expect(answers.get('k', load, { fresh: true })).resolves.toBe(
      'upstream',
    );
    await expect(answers.get('k', load)).resolves.toBe('upstream');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('never joins a plain read under way, which may answer from the cache', async () => {
    const { cache, entries, release } = slowCache();
    entries.set('k', 'cached');
    const answers = new CoalescedCache({ cache, ttlMs: 1000, logger });
    const plainLoad = jest.fn(async () => 'plain load');
    const freshLoad = jest.fn(async () => 'upstream');
    const plain = answers.get('k', plainLoad);
    const fresh = answers.get('k', freshLoad, { fresh: true });
    release();
    await expect(fresh).resolves.toBe('upstream');
    await plain;
    expect(freshLoad).toHaveBeenCalledTimes(1);
    expect(plainLoad).not.toHaveBeenCalled();
  });

  it('shares one upstream load between concurrent fresh and plain reads', async () => {
    const { cache, release } = slowCache();
    release();
    const answers = new CoalescedCache({ cache, ttlMs: 1000, logger });
    let finish: (value: string) => void = () => {};
    const load = jest.fn(
      () =>
        new Promise<string>(resolve => {
          finish = resolve;
        }),
    );
    const reads = [
      answers.get('k', load, { fresh: true }),
      answers.get('k', load, { fresh: true }),
      answers.get('k', load),
    ];
    finish('upstream');
    await expect(Promise.all(reads)).resolves.toEqual([
      'upstream',
      'upstream',
      'upstream',
    ]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads fresh without caching when the TTL is 0', async () => {
    const { cache, entries, release } = slowCache();
    release();
    const answers = new CoalescedCache({ cache, ttlMs: 0, logger });
    await answers.get('k', async () => 'upstream', { fresh: true });
    expect(entries.size).toBe(0);
  });
});
