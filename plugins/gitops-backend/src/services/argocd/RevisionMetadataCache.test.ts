import { mockServices } from '@backstage/backend-test-utils';
import { ArgoCdError } from './ArgoCdError';
import { RevisionMetadataCache } from './RevisionMetadataCache';

function cache(options: { maxEntries?: number; retryAfterMs?: number } = {}) {
  return new RevisionMetadataCache({
    maxEntries: options.maxEntries ?? 100,
    concurrency: 2,
    retryAfterMs: options.retryAfterMs ?? 60_000,
    logger: mockServices.logger.mock(),
  });
}

/** A fetch that records how many run at once. */
function tracked() {
  const state = { calls: 0, running: 0, peak: 0 };
  const fetch = (author: string) => async () => {
    state.calls += 1;
    state.running += 1;
    state.peak = Math.max(state.peak, state.running);
    await new Promise(resolve => setTimeout(resolve, 5));
    state.running -= 1;
    return { author };
  };
  return { state, fetch };
}

describe('RevisionMetadataCache', () => {
  it('fetches each revision once, a few at a time, however many loads want it', async () => {
    const metadata = cache();
    const { state, fetch } = tracked();
    const requests = ['a', 'b', 'c', 'd', 'e'].map(key => ({
      key,
      fetch: fetch(`author of ${key}`),
      context: {},
    }));
    const fetched = await Promise.all([
      metadata.load(requests),
      metadata.load(requests),
    ]);
    expect(state.calls).toBe(5);
    expect(state.peak).toBe(2);
    expect(fetched[0]).toBe(5);
    expect(metadata.get('c')).toEqual({ author: 'author of c' });
    await expect(metadata.load(requests)).resolves.toBe(0);
  });

  it('remembers a failure until retryAfterMs has passed', async () => {
    const metadata = cache({ retryAfterMs: 20 });
    let calls = 0;
    const failing = {
      key: 'broken',
      fetch: async () => {
        calls += 1;
        throw new ArgoCdError({
          instance: 'central',
          code: 'timeout',
          message: 'slow',
        });
      },
      context: {},
    };
    await metadata.load([failing]);
    await metadata.load([failing]);
    expect(calls).toBe(1);
    expect(metadata.get('broken')).toBeUndefined();
    await new Promise(resolve => setTimeout(resolve, 30));
    await metadata.load([failing]);
    expect(calls).toBe(2);
  });

  it('keeps at most maxEntries revisions, dropping the least recently used', async () => {
    const metadata = cache({ maxEntries: 2 });
    const { fetch } = tracked();
    const request = (key: string) => ({ key, fetch: fetch(key), context: {} });
    await metadata.load([request('a'), request('b')]);
    expect(metadata.get('a')).toBeDefined();
    await metadata.load([request('c')]);
    expect(metadata.get('b')).toBeUndefined();
    expect(metadata.get('a')).toEqual({ author: 'a' });
  });

  it('lets errors that are not upstream failures through', async () => {
    const metadata = cache();
    await expect(
      metadata.load([
        {
          key: 'bug',
          fetch: async () => {
            throw new TypeError('a bug');
          },
          context: {},
        },
      ]),
    ).rejects.toThrow('a bug');
  });
});
