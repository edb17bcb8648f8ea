import { detail } from '../__testUtils__/builders';
import type { ApplicationSummary } from '../types';
import { targetClaims } from './claims';
import type { FleetApplication } from './types';
import { filterFleet, fleetCounts, groupFleet, sortFleet } from './view';

function row(
  app: Partial<ApplicationSummary>,
  extra: Partial<FleetApplication> = {},
): FleetApplication {
  return { application: detail(app), claimedBy: [], ...extra };
}

const degraded = { health: { status: 'Degraded' as const } };
const outOfSync = { sync: { status: 'OutOfSync' as const } };

describe('fleet view logic', () => {
  const rows = [
    row(
      { name: 'ledger-dev', environment: 'dev' },
      { applicationSet: 'ledger' },
    ),
    row(
      { name: 'ledger-prod', environment: 'prod', ...degraded },
      { applicationSet: 'ledger' },
    ),
    row(
      { name: 'search', instance: 'edge', ...outOfSync },
      {
        claimedBy: [
          {
            entityRef: 'component:default/search',
            owner: 'group:default/find',
          },
        ],
      },
    ),
    row({ name: 'root' }),
  ];

  it('counts rows per attention level', () => {
    expect(fleetCounts(rows)).toMatchObject({
      degraded: 1,
      'out-of-sync': 1,
      healthy: 2,
      failed: 0,
    });
  });

  it('sorts what needs attention first', () => {
    expect(sortFleet(rows).map(r => r.application.name)).toEqual([
      'ledger-prod',
      'search',
      'ledger-dev',
      'root',
    ]);
  });

  it('filters by state, instance, owner and environment', () => {
    const names = (filters: Parameters<typeof filterFleet>[1]) =>
      filterFleet(rows, filters).map(r => r.application.name);
    expect(names({ attention: 'healthy' })).toEqual(['ledger-dev', 'root']);
    expect(names({ instance: 'edge' })).toEqual(['search']);
    expect(names({ owner: 'group:default/find' })).toEqual(['search']);
    expect(names({ environment: 'prod' })).toEqual(['ledger-prod']);
    expect(names({ environment: 'prod', attention: 'healthy' })).toEqual([]);
  });

  it('groups by ApplicationSet with the worst state on the group, ungrouped last', () => {
    const groups = groupFleet(rows, 'applicationSet');
    expect(
      groups.map(g => [g.name, g.worst, g.rows.map(r => r.application.name)]),
    ).toEqual([
      ['ledger', 'degraded', ['ledger-prod', 'ledger-dev']],
      ['', 'out-of-sync', ['search', 'root']],
    ]);
  });

  it('groups by app-of-apps parent per instance', () => {
    const children = [
      row({ name: 'a', instance: 'prod' }, { parent: 'root' }),
      row({ name: 'b', instance: 'edge', ...degraded }, { parent: 'root' }),
    ];
    expect(groupFleet(children, 'parent').map(g => g.key)).toEqual([
      'edge/root',
      'prod/root',
    ]);
    expect(groupFleet(children, 'none')).toHaveLength(1);
  });
});

describe('targetClaims', () => {
  const labels = { 'backstage.io/kubernetes-id': 'ledger', team: 'money' };

  it('claims Argo CD applications with the argocd annotations', () => {
    const app = detail({ name: 'ledger-prod', project: 'money' });
    expect(targetClaims({ appNames: ['ledger-prod'] }, app, labels)).toBe(true);
    expect(targetClaims({ appSelector: 'team=money' }, app, labels)).toBe(true);
    expect(
      targetClaims(
        { appNames: ['ledger-prod'], projects: ['other'] },
        app,
        labels,
      ),
    ).toBe(false);
    // The Kubernetes annotations select Flux objects, not Applications.
    expect(targetClaims({ kubernetesId: 'ledger' }, app, labels)).toBe(false);
  });

  it('claims Flux objects with the Kubernetes annotations', () => {
    const flux = detail({
      sourceKind: 'flux',
      kind: 'Kustomization',
      name: 'x',
    });
    expect(targetClaims({ kubernetesId: 'ledger' }, flux, labels)).toBe(true);
    expect(targetClaims({ kubernetesId: 'other' }, flux, labels)).toBe(false);
    expect(
      targetClaims(
        { kubernetesLabelSelector: 'team in (money)' },
        flux,
        labels,
      ),
    ).toBe(true);
    expect(
      targetClaims({ kubernetesLabelSelector: 'team in (' }, flux, labels),
    ).toBe(false);
    expect(targetClaims({ appNames: ['x'] }, flux, labels)).toBe(false);
  });
});
