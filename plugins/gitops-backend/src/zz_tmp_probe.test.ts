import { KubeConfig, CustomObjectsApi } from '@kubernetes/client-node';
it('loads', () => {
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [{ name: 'c', server: 'http://127.0.0.1:1', skipTLSVerify: false }], users: [{ name: 'u', token: 't' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
  const api = kc.makeApiClient(CustomObjectsApi);
  expect(typeof api.listClusterCustomObject).toBe('function');
});
