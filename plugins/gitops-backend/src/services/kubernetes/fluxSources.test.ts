import { mockServices } from '@backstage/backend-test-utils';
import { CoalescedCache } from '../shared/CoalescedCache';
import { WarnOnce } from '../shared/WarnOnce';
import { FluxSourceLookup } from './fluxSources';
import type { KubernetesClient } from './KubernetesClient';

describe('FluxSourceLookup', () => {
  it('drops credentials from source URLs', async () => {
    const urls: Record<string, string> = {
      gitrepositories: 'https://deploy:ghp_s3cret@github.com/acme/deploy.git',
      helmrepositories: 'oci://robot:oci-s3cret@ghcr.io/acme/charts',
    };
    const client = {
      cluster: 'prod-eu',
      list: async ({ resource }: { resource: { plural: string } }) => ({
        items: [
          { spec: { url: urls[resource.plural], ref: { branch: 'main' } } },
        ],
      }),
    } as unknown as KubernetesClient;
    const logger = mockServices.logger.mock();
    const lookup = new FluxSourceLookup({
      cache: new CoalescedCache({
        cache: mockServices.cache.mock(),
        ttlMs: 0,
        logger,
      }),
      warnings: new WarnOnce(logger),
    });

    const { found } = await lookup.sourcesOf(client, [
      {
        metadata: { namespace: 'flux-system' },
        spec: { sourceRef: { kind: 'GitRepository', name: 'deploy' } },
      },
      {
        metadata: { namespace: 'apps' },
        spec: {
          chart: {
            spec: {
              chart: 'podinfo',
              sourceRef: { kind: 'HelmRepository', name: 'charts' },
            },
          },
        },
      },
    ]);

    expect(Object.fromEntries(found)).toEqual({
      'GitRepository/flux-system/deploy': {
        url: 'https://github.com/acme/deploy.git',
        ref: 'main',
      },
      'HelmRepository/apps/charts': {
        url: 'oci://ghcr.io/acme/charts',
        ref: 'main',
      },
    });
  });
});
