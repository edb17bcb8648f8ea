import { ConfigReader } from '@backstage/config';
import { DEFAULT_WATCH_CONFIG, readWatchConfig } from './readWatchConfig';

const read = (data: object) => readWatchConfig(new ConfigReader(data as any));

describe('readWatchConfig', () => {
  it('has defaults without gitops.watch', () => {
    expect(read({})).toEqual(DEFAULT_WATCH_CONFIG);
    expect(DEFAULT_WATCH_CONFIG).toEqual({
      staleAfterSeconds: 60,
      resyncIntervalSeconds: 900,
      maxBackoffSeconds: 30,
      maxListMegabytes: 256,
      listTimeoutSeconds: 120,
    });
  });

  it('reads each key', () => {
    expect(
      read({
        gitops: {
          watch: {
            staleAfterSeconds: 5,
            resyncIntervalSeconds: 120,
            maxBackoffSeconds: 10,
            maxListMegabytes: 1024,
            listTimeoutSeconds: 300,
          },
        },
      }),
    ).toEqual({
      staleAfterSeconds: 5,
      resyncIntervalSeconds: 120,
      maxBackoffSeconds: 10,
      maxListMegabytes: 1024,
      listTimeoutSeconds: 300,
    });
  });

  it('names a bad key', () => {
    expect(() =>
      read({ gitops: { watch: { resyncIntervalSeconds: 1 } } }),
    ).toThrow(/gitops\.watch\.resyncIntervalSeconds/);
    expect(() =>
      read({ gitops: { watch: { maxBackoffSeconds: 'x' } } }),
    ).toThrow(/gitops\.watch\.maxBackoffSeconds/);
  });
});
