import { ConfigReader } from '@backstage/config';
import { readArgoCdConfig } from './readArgoCdConfig';

const read = (data: object) => readArgoCdConfig(new ConfigReader(data as any));

describe('readArgoCdConfig', () => {
  it('reads gitops.argocd with defaults', () => {
    expect(
      read({
        gitops: {
          argocd: {
            instances: [
              {
                name: 'prod',
                url: 'https://argocd.example.com/',
                token: 't0k',
              },
              {
                name: 'edge',
                url: 'https://edge.example.com/argo',
                uiUrl: 'https://ui.example.com',
                username: 'admin',
                password: 'pw',
              },
            ],
          },
        },
      }),
    ).toEqual({
      instances: [
        {
          name: 'prod',
          url: 'https://argocd.example.com',
          uiUrl: 'https://argocd.example.com',
          auth: { type: 'token', token: 't0k' },
          actions: true,
          watch: true,
        },
        {
          name: 'edge',
          url: 'https://edge.example.com/argo',
          uiUrl: 'https://ui.example.com',
          auth: { type: 'session', username: 'admin', password: 'pw' },
          actions: true,
          watch: true,
        },
      ],
      cacheTtlSeconds: 15,
      timeoutMs: 10000,
    });
  });

  it('reads cacheTtlSeconds and timeoutMs', () => {
    const config = read({
      gitops: {
        argocd: {
          instances: [{ name: 'a', url: 'http://a', token: 't' }],
          cacheTtlSeconds: 60,
          timeoutMs: 2500,
        },
      },
    });
    expect(config.cacheTtlSeconds).toBe(60);
    expect(config.timeoutMs).toBe(2500);
  });

  it('reads the Roadie / Red Hat shape when gitops.argocd is absent', () => {
    expect(
      read({
        argocd: {
          username: 'roadie',
          password: 'shared-secret',
          appLocatorMethods: [
            {
              type: 'config',
              instances: [
                {
                  name: 'argoInstance1',
                  url: 'https://argo1.example.com',
                  token: 'tok1',
                },
                { name: 'argoInstance2', url: 'https://argo2.example.com' },
              ],
            },
            {
              type: 'config',
              instances: [
                {
                  name: 'argoInstance3',
                  url: 'https://argo3.example.com',
                  username: 'own',
                  password: 'own-secret',
                },
              ],
            },
          ],
        },
      }),
    ).toEqual({
      instances: [
        {
          name: 'argoInstance1',
          url: 'https://argo1.example.com',
          uiUrl: 'https://argo1.example.com',
          auth: { type: 'token', token: 'tok1' },
          actions: true,
          watch: true,
        },
        {
          name: 'argoInstance2',
          url: 'https://argo2.example.com',
          uiUrl: 'https://argo2.example.com',
          auth: {
            type: 'session',
            username: 'roadie',
            password: 'shared-secret',
          },
          actions: true,
          watch: true,
        },
        {
          name: 'argoInstance3',
          url: 'https://argo3.example.com',
          uiUrl: 'https://argo3.example.com',
          auth: { type: 'session', username: 'own', password: 'own-secret' },
          actions: true,
          watch: true,
        },
      ],
      cacheTtlSeconds: 15,
      timeoutMs: 10000,
    });
  });

  it('prefers gitops.argocd over the Roadie shape', () => {
    const config = read({
      gitops: {
        argocd: { instances: [{ name: 'ours', url: 'http://o', token: 't' }] },
      },
      argocd: {
        appLocatorMethods: [
          { instances: [{ name: 'theirs', url: 'http://t', token: 't' }] },
        ],
      },
    });
    expect(config.instances.map(i => i.name)).toEqual(['ours']);
  });

  it('yields no instances without any configuration', () => {
    expect(read({}).instances).toEqual([]);
  });

  it.each([
    [
      {
        instances: [
          { name: 'a', url: 'http://a', token: 't' },
          { name: 'b', url: 'not a url', token: 't' },
        ],
      },
      'gitops.argocd.instances[1].url must be an absolute URL',
    ],
    [
      { instances: [{ name: 'a', url: 'ftp://a', token: 't' }] },
      'gitops.argocd.instances[0].url must be an http or https URL',
    ],
    [
      { instances: [{ name: 'a', url: 'https://user:pw@a', token: 't' }] },
      'gitops.argocd.instances[0].url must not contain credentials',
    ],
    [
      { instances: [{ name: 'a/b', url: 'http://a', token: 't' }] },
      'gitops.argocd.instances[0].name must start with a letter or digit',
    ],
    [
      { instances: [{ name: 'a', url: 'http://a' }] },
      'gitops.argocd.instances[0] needs a token, or a username and a password',
    ],
    [
      { instances: [{ name: 'a', url: 'http://a', username: 'admin' }] },
      'gitops.argocd.instances[0] needs a token, or a username and a password',
    ],
    [
      {
        instances: [
          { name: 'a', url: 'http://a', token: 't' },
          { name: 'a', url: 'http://b', token: 't' },
        ],
      },
      'gitops.argocd.instances[1].name duplicates the name of gitops.argocd.instances[0]',
    ],
    [
      { instances: [] },
      'gitops.argocd.instances must list at least one instance',
    ],
    [{}, 'gitops.argocd.instances Required'],
    [
      {
        instances: [{ name: 'a', url: 'http://a', token: 't' }],
        cacheTtlSeconds: -1,
      },
      'gitops.argocd.cacheTtlSeconds',
    ],
    [
      {
        instances: [{ name: 'a', url: 'http://a', token: 't' }],
        timeoutMs: 1.5,
      },
      'gitops.argocd.timeoutMs',
    ],
  ])('rejects %j naming the key', (argocd, message) => {
    expect(() => read({ gitops: { argocd } })).toThrow(message);
  });

  it('names the key in the Roadie shape', () => {
    expect(() =>
      read({
        argocd: {
          appLocatorMethods: [
            { instances: [{ name: 'a', url: 'http://a', token: 't' }] },
            { instances: [{ name: 'b', url: 'nope' }] },
          ],
        },
      }),
    ).toThrow(
      'argocd.appLocatorMethods[1].instances[0].url must be an absolute URL',
    );
  });

  it.each([
    [
      'gitops.argocd',
      {
        gitops: {
          argocd: {
            instances: [
              {
                name: 'a',
                url: 'https://admin:url-secret-pw@argo.example.com',
                token: 't',
              },
            ],
          },
        },
      },
      'gitops.argocd.instances[0].url must not contain credentials; use token or username/password',
    ],
    [
      'gitops.argocd uiUrl',
      {
        gitops: {
          argocd: {
            instances: [
              {
                name: 'a',
                url: 'https://argo.example.com',
                uiUrl: 'https://url-secret-token@ui.example.com',
                token: 't',
              },
            ],
          },
        },
      },
      'gitops.argocd.instances[0].uiUrl must not contain credentials; use token or username/password',
    ],
    [
      'the Roadie shape',
      {
        argocd: {
          appLocatorMethods: [
            {
              type: 'config',
              instances: [
                {
                  name: 'argoInstance1',
                  url: 'https://admin:url-secret-pw@argo1.example.com',
                },
              ],
            },
          ],
        },
      },
      'argocd.appLocatorMethods[0].instances[0].url must not contain credentials; use token or username/password',
    ],
  ])(
    'refuses credentials in an instance URL of %s without repeating them',
    (_, data, message) => {
      let error: Error | undefined;
      try {
        read(data);
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).toBe(`Invalid Argo CD configuration: ${message}`);
      expect(error?.message).not.toContain('url-secret');
    },
  );

  it('never puts a secret in the error', () => {
    let message = '';
    try {
      read({
        gitops: {
          argocd: {
            instances: [
              { name: 'a', url: 'http://a', token: 'super-secret-token' },
              { name: 'a', url: 'bad', password: 'super-secret-password' },
            ],
          },
        },
      });
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain('gitops.argocd.instances[1].url');
    expect(message).not.toContain('super-secret');
  });
});

describe('instances[].watch', () => {
  it('is on unless an instance turns it off, and refuses anything but a boolean', () => {
    const instance = {
      name: 'prod',
      url: 'https://argocd.example.com',
      token: 't',
    };
    expect(
      read({ gitops: { argocd: { instances: [instance] } } }).instances[0]
        .watch,
    ).toBe(true);
    expect(
      read({
        gitops: { argocd: { instances: [{ ...instance, watch: false }] } },
      }).instances[0].watch,
    ).toBe(false);
    expect(() =>
      read({
        gitops: { argocd: { instances: [{ ...instance, watch: 'yes' }] } },
      }),
    ).toThrow(/gitops\.argocd\.instances\[0\]\.watch/);
  });
});
