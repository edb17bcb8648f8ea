import { readSharedYaml } from '../__testUtils__/sharedArgocd';
import { fleetLinksOf } from './fleetLinks';

describe('fleetLinksOf', () => {
  it("reads the ApplicationSet from a real generated Application's owner reference", () => {
    const app = readSharedYaml(
      'real-applications/controller_testdata_diff-cache.yaml',
    );
    expect(fleetLinksOf(app).applicationSet).toBe('velero');
  });

  it('lists the child Applications an app of apps deploys, and nothing else', () => {
    const links = fleetLinksOf({
      metadata: { name: 'platform-root', namespace: 'argocd' },
      status: {
        resources: [
          {
            group: 'argoproj.io',
            kind: 'Application',
            namespace: 'argocd',
            name: 'ledger-dev',
          },
          { group: 'argoproj.io', kind: 'Application', name: 'ledger-prod' },
          {
            group: 'apps',
            kind: 'Deployment',
            namespace: 'ledger',
            name: 'ledger',
          },
          {
            group: 'example.com',
            kind: 'Application',
            namespace: 'x',
            name: 'not-argo',
          },
        ],
      },
    });
    expect(links).toEqual({
      childApplications: ['argocd/ledger-dev', '/ledger-prod'],
    });
  });

  it('prefers the controller owner and ignores owners that are not ApplicationSets', () => {
    const links = fleetLinksOf({
      metadata: {
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm' },
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'ApplicationSet',
            name: 'other',
          },
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'ApplicationSet',
            name: 'main',
            controller: true,
          },
        ],
      },
    });
    expect(links).toEqual({ applicationSet: 'main' });
  });

  it.each([
    null,
    'text',
    { metadata: { ownerReferences: 'x' }, status: { resources: {} } },
  ])('survives a malformed document (%p)', raw => {
    expect(fleetLinksOf(raw)).toEqual({});
  });
});
