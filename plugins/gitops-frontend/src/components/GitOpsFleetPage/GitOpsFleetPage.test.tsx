import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type {
  FleetApplication,
  FleetResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { gitOpsApiRef } from '../../api';
import {
  devApp,
  fakeGitOpsApi,
  prodApp,
  stagingApp,
  summary,
} from '../shared/__fixtures__/applications';
import { GitOpsFleetPage } from './GitOpsFleetPage';

const payments = {
  entityRef: 'component:default/payments-api',
  owner: 'group:default/payments-team',
};
const claimed = (
  app: FleetApplication['application'],
  extra: Partial<FleetApplication> = {},
): FleetApplication => ({ application: app, claimedBy: [payments], ...extra });

const search = summary({
  name: 'search-prod',
  instance: 'edge',
  environment: 'prod',
});

const FLEET: FleetResponse = {
  applications: [
    claimed(stagingApp, { applicationSet: 'payments-api' }),
    claimed(prodApp, { applicationSet: 'payments-api' }),
    claimed(devApp, { applicationSet: 'payments-api' }),
    {
      application: search,
      claimedBy: [
        {
          entityRef: 'component:default/search',
          title: 'Search',
          owner: 'group:default/find-team',
        },
      ],
    },
  ],
  unclaimed: [
    { application: summary({ name: 'platform-apps' }), claimedBy: [] },
  ],
  errors: [
    {
      instance: 'lab',
      code: 'unreachable',
      message: "Argo CD instance 'lab' is unreachable",
    },
  ],
};

async function renderPage(fleet: FleetResponse) {
  const api = fakeGitOpsApi({ getFleet: async () => fleet });
  await renderInTestApp(
    <TestApiProvider apis={[[gitOpsApiRef, api]]}>
      <GitOpsFleetPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  await screen.findByTestId('gitops-fleet');
  return api;
}

const claimedTable = () =>
  screen.getByRole('table', {
    name: 'Applications claimed by catalog entities',
  });
const names = (table: HTMLElement) =>
  within(table)
    .queryAllByTestId(/^fleet-row-/)
    .map(row => row.getAttribute('data-testid')!.split('/').pop());

describe('GitOpsFleetPage', () => {
  it('lists claimed applications most urgent first, each linking to its entity’s GitOps tab', async () => {
    await renderPage(FLEET);
    expect(names(claimedTable())).toEqual([
      'payments-api-staging',
      'payments-api-prod',
      'search-prod',
      'payments-api-dev',
    ]);
    const link = within(claimedTable()).getByRole('link', { name: 'Search' });
    expect(link.getAttribute('href')).toBe(
      '/catalog/default/component/search/gitops?app=edge%2Fsearch-prod',
    );
    expect(screen.getByText(/'lab' is unreachable/)).toBeInTheDocument();
  });

  it('counts per state, and a count filters to its state', async () => {
    await renderPage(FLEET);
    expect(screen.getByTestId('fleet-count-healthy')).toHaveTextContent(
      'Healthy: 3',
    );
    fireEvent.click(screen.getByTestId('fleet-count-degraded'));
    expect(names(claimedTable())).toEqual(['payments-api-prod']);
    expect(screen.getByTestId('fleet-count-degraded')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    fireEvent.click(screen.getByTestId('fleet-count-degraded'));
    expect(names(claimedTable())).toHaveLength(4);
  });

  it('filters by owner', async () => {
    await renderPage(FLEET);
    fireEvent.mouseDown(screen.getByLabelText('Owner'));
    fireEvent.click(
      await screen.findByRole('option', { name: 'group:default/find-team' }),
    );
    await waitFor(() => expect(names(claimedTable())).toEqual(['search-prod']));
  });

  it('groups by ApplicationSet with the group’s worst state', async () => {
    await renderPage(FLEET);
    fireEvent.mouseDown(screen.getByLabelText('Group by'));
    fireEvent.click(
      await screen.findByRole('option', { name: 'ApplicationSet' }),
    );
    const groups = await within(claimedTable()).findAllByTestId('fleet-group');
    expect(groups.map(group => group.textContent)).toEqual([
      expect.stringMatching(
        /^ApplicationSet payments-api · central · 3 applications · worst: Sync failed$/,
      ),
      expect.stringMatching(/^Not in an ApplicationSet · 1 application/),
    ]);
  });

  it('lists unclaimed applications apart, or says who may see them', async () => {
    await renderPage(FLEET);
    expect(
      names(
        screen.getByRole('table', {
          name: 'Applications no catalog entity claims',
        }),
      ),
    ).toEqual(['platform-apps']);
  });

  it('tells a viewer without gitops.fleet.read why no unclaimed applications show', async () => {
    await renderPage({
      ...FLEET,
      unclaimed: undefined,
      unclaimedHidden: true,
    });
    expect(
      screen.queryByRole('table', {
        name: 'Applications no catalog entity claims',
      }),
    ).toBeNull();
    expect(
      screen.getByText(/gitops\.fleet\.read permission/),
    ).toBeInTheDocument();
  });

  it('refreshes on demand', async () => {
    const api = await renderPage(FLEET);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh the fleet' }));
    await waitFor(() =>
      expect(api.getFleet).toHaveBeenLastCalledWith({ refresh: true }),
    );
  });
});
