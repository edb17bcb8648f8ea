import { ConfigReader } from '@backstage/config';
import {
  IN_CLUSTER_TOKEN_FILE,
  readKubernetesConfig,
} from './readKubernetesConfig';

const read = (data: object) => readKubernetesConfig(new ConfigReader(data));

describe('readKubernetesConfig', () => {
  it('reads gitops.kubernetes.clusters with defaults', () => {
    expect(
      read({
        gitops: {
          kubernetes: {
            clusters: [
              {
                name: 'prod-eu',
                url: 'https://k8s.example.com/',
                serviceAccountToken: 'token-1',
                caData: 'LS0tLS1CRUdJTi==',
                argocdNamespaces: ['argocd'],
                flux: true,
              },
              {
                name: 'staging',
                url: 'https://k8s-staging.example.com',
                authProvider: 'serviceAccount',
                skipTLSVerify: true,
                flux: true,
              },
            ],
          },
        },
      }),
    ).toEqual({
      clusters: [
        {
          name: 'prod-eu',
          url: 'https://k8s.example.com',
          auth: { type: 'serviceAccountToken', token: 'token-1' },
          caData: 'LS0tLS1CRUdJTi==',
          skipTLSVerify: false,
          argocdNamespaces: ['argocd'],
          flux: true,
          fluxOptional: false,
          actions: true,
          watch: false,
        },
        {
          name: 'staging',
          url: 'https://k8s-staging.example.com',
          auth: { type: 'inCluster', tokenFile: IN_CLUSTER_TOKEN_FILE },
          skipTLSVerify: true,
          argocdNamespaces: [],
          flux: true,
          fluxOptional: false,
          actions: true,
          watch: false,
        },
      ],
      cacheTtlSeconds: 15,
      timeoutMs: 10000,
      origin: 'gitops.kubernetes',
      skipped: [],
    });
  });

  it('reads clusters[].watch with the shared gitops.watch timing', () => {
    const config = read({
      gitops: {
        watch: { staleAfterSeconds: 5 },
        kubernetes: {
          clusters: [
            {
              name: 'watched',
              url: 'https://a.example.com',
              flux: true,
              watch: true,
            },
            { name: 'listed', url: 'https://b.example.com', flux: true },
          ],
        },
      },
    });
    expect(
      config.clusters.map(cluster => [cluster.name, cluster.watch]),
    ).toEqual([
      ['watched', true],
      ['listed', false],
    ]);
    expect(config.watch).toEqual({
      staleAfterSeconds: 5,
      resyncIntervalSeconds: 900,
      maxBackoffSeconds: 30,
      maxListMegabytes: 256,
      listTimeoutSeconds: 120,
    });
    expect(() =>
      read({
        gitops: {
          kubernetes: {
            clusters: [
              {
                name: 'x',
                url: 'https://a.example.com',
                flux: true,
                watch: 'yes',
              },
            ],
          },
        },
      }),
    ).toThrow(/gitops\.kubernetes\.clusters\[0\]\.watch/);
  });

  it('reads no watch timing when no cluster is watched', () => {
    expect(
      read({
        gitops: {
          kubernetes: {
            clusters: [{ name: 'x', url: 'https://a.example.com', flux: true }],
          },
        },
      }).watch,
    ).toBeUndefined();
  });

  it('yields no clusters without any configuration', () => {
    expect(read({})).toEqual({
      clusters: [],
      cacheTtlSeconds: 15,
      timeoutMs: 10000,
      origin: 'none',
      skipped: [],
    });
  });

  it.each([
    [
      { name: 'has space', url: 'https://k', flux: true },
      "gitops.kubernetes.clusters[0].name must start with a letter or digit and contain only letters, digits, '.', '_' and '-', at most 63 characters",
    ],
    [
      { name: 'a', url: 'ftp://k', flux: true },
      'gitops.kubernetes.clusters[0].url must be an http or https URL',
    ],
    [
      { name: 'a', url: 'https://user:pw@k', flux: true },
      'gitops.kubernetes.clusters[0].url must not contain credentials; use serviceAccountToken',
    ],
    [
      { name: 'a', url: 'https://k', authProvider: 'google', flux: true },
      "gitops.kubernetes.clusters[0].authProvider must be 'serviceAccount' (a token from serviceAccountToken, or the pod's own service account)",
    ],
    [
      { name: 'a', url: 'https://k', argocdNamespaces: ['Argo CD'] },
      "gitops.kubernetes.clusters[0].argocdNamespaces[0] must be lowercase letters, digits and '-', starting and ending with a letter or digit",
    ],
    [
      { name: 'a', url: 'https://k' },
      'gitops.kubernetes.clusters[0] reads nothing: set flux: true, or argocdNamespaces to the namespaces of Argo CD Applications',
    ],
    [
      { name: 'a', url: 'https://k', flux: true, argocdNamespace: ['argocd'] },
      'gitops.kubernetes.clusters[0] has unknown keys argocdNamespace',
    ],
    [
      { name: 'a', url: 'https://k', flux: 'yes' },
      'gitops.kubernetes.clusters[0].flux Expected boolean, received string',
    ],
  ])('names the bad key of %j', (cluster, message) => {
    expect(() =>
      read({ gitops: { kubernetes: { clusters: [cluster] } } }),
    ).toThrow(`Invalid Kubernetes configuration: ${message}`);
  });

  it('rejects duplicate names and never shows a token', () => {
    let error: Error | undefined;
    try {
      read({
        gitops: {
          kubernetes: {
            clusters: [
              {
                name: 'a',
                url: 'https://k',
                flux: true,
                serviceAccountToken: 'secret-token-value',
              },
              { name: 'a', url: 'https://l', flux: true },
            ],
            timeoutMs: 5,
          },
        },
      });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toBe(
      'Invalid Kubernetes configuration: gitops.kubernetes.timeoutMs Number must be greater than or equal to 100',
    );
    expect(error?.message).not.toContain('secret-token-value');
    expect(() =>
      read({
        gitops: {
          kubernetes: {
            clusters: [
              { name: 'a', url: 'https://k', flux: true },
              { name: 'a', url: 'https://l', flux: true },
            ],
          },
        },
      }),
    ).toThrow(
      'Invalid Kubernetes configuration: gitops.kubernetes.clusters[1].name duplicates the name of gitops.kubernetes.clusters[0]',
    );
  });

  it('borrows the config clusters of kubernetes.clusterLocatorMethods for Flux', () => {
    const config = read({
      gitops: { kubernetes: { cacheTtlSeconds: 30 } },
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          { type: 'gke', projectId: 'p' },
          {
            type: 'config',
            clusters: [
              {
                name: 'minikube',
                url: 'https://127.0.0.1:9999/',
                authProvider: 'serviceAccount',
                serviceAccountToken: 'token-2',
                caData: 'Q0E=',
                skipMetricsLookup: true,
                dashboardUrl: 'http://127.0.0.1:64713',
              },
              {
                name: 'aws-cluster-1',
                url: 'https://eks.example.com',
                authProvider: 'aws',
              },
              {
                name: 'new-style',
                url: 'https://k8s.example.com',
                authMetadata: {
                  'kubernetes.io/auth-provider': 'serviceAccount',
                },
              },
            ],
          },
        ],
      },
    });
    expect(config).toEqual({
      clusters: [
        {
          name: 'minikube',
          url: 'https://127.0.0.1:9999',
          auth: { type: 'serviceAccountToken', token: 'token-2' },
          caData: 'Q0E=',
          skipTLSVerify: false,
          argocdNamespaces: [],
          flux: true,
          fluxOptional: true,
          actions: true,
          watch: false,
        },
        {
          name: 'new-style',
          url: 'https://k8s.example.com',
          auth: { type: 'inCluster', tokenFile: IN_CLUSTER_TOKEN_FILE },
          skipTLSVerify: false,
          argocdNamespaces: [],
          flux: true,
          fluxOptional: true,
          actions: true,
          watch: false,
        },
      ],
      cacheTtlSeconds: 30,
      timeoutMs: 10000,
      origin: 'kubernetes.clusterLocatorMethods',
      skipped: [
        "kubernetes.clusterLocatorMethods[1].clusters[1] (aws-cluster-1): authProvider 'aws' is not supported, only 'serviceAccount'",
      ],
    });
  });

  it('skips a borrowed cluster whose URL carries credentials, without repeating them', () => {
    const config = read({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'leaky',
                url: 'https://admin:url-secret-pw@k8s.example.com',
                authProvider: 'serviceAccount',
                serviceAccountToken: 'token-3',
              },
              { name: 'clean', url: 'https://k8s2.example.com' },
            ],
          },
        ],
      },
    });
    expect(config.clusters.map(cluster => cluster.name)).toEqual(['clean']);
    expect(config.skipped).toEqual([
      'kubernetes.clusterLocatorMethods[0].clusters[0] (leaky): url must not contain credentials; use serviceAccountToken',
    ]);
    expect(JSON.stringify(config)).not.toContain('url-secret');
  });

  it('refuses credentials in argocdUiUrl', () => {
    expect(() =>
      read({
        gitops: {
          kubernetes: {
            clusters: [
              {
                name: 'a',
                url: 'https://k',
                argocdNamespaces: ['argocd'],
                argocdUiUrl: 'https://user:url-secret-pw@argocd.example.com',
              },
            ],
          },
        },
      }),
    ).toThrow(
      'Invalid Kubernetes configuration: gitops.kubernetes.clusters[0].argocdUiUrl must not contain credentials; use serviceAccountToken',
    );
  });

  it('prefers gitops.kubernetes.clusters over the Kubernetes plugin’s clusters', () => {
    const config = read({
      gitops: {
        kubernetes: {
          clusters: [{ name: 'mine', url: 'https://k', flux: true }],
        },
      },
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [{ name: 'theirs', url: 'https://l' }],
          },
        ],
      },
    });
    expect(config.clusters.map(cluster => cluster.name)).toEqual(['mine']);
  });
});
