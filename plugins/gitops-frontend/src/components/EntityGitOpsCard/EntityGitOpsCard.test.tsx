import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { ApplicationsResponse } from '@gitops-guide/backstage-plugin-gitops-common';
import { GitOpsApi, gitOpsApiRef } from '../../api';
import { entityContentRouteRef } from '../../routes';
import {
  BAD_SHA,
  GOOD_SHA,
  annotatedEntity,
  devApp,
  fakeGitOpsApi,
  plainEntity,
  prodApp,
  stagingApp,
  summary,
} from '../shared/__fixtures__/applications';
import { EntityGitOpsCard } from './EntityGitOpsCard';

type RenderOptions = { entity?: Entity; mountTab?: boolean };

async function renderCard(
  response: ApplicationsResponse,
  options: RenderOptions = {},
) {
  const api = fakeGitOpsApi({ getApplications: async () => response });
  await renderCardWith(api, options);
  return api;
}

async function renderCardWith(api: GitOpsApi, options: RenderOptions = {}) {
  await renderInTestApp(
    <TestApiProvider apis={[[gitOpsApiRef, api]]}>
      <EntityProvider entity={options.entity ?? annotatedEntity}>
        <EntityGitOpsCard />
      </EntityProvider>
    </TestApiProvider>,
    options.mountTab === false
      ? undefined
      : {
          mountedRoutes: {
            '/catalog/default/component/payments-api/gitops':
              entityContentRouteRef,
          },
        },
  );
}

function row(name: string): HTMLElement {
  const cell = within(screen.getByRole('table')).getByText(name);
  const tr = cell.closest('tr');
  if (!tr) throw new Error(`no row for ${name}`);
  return tr;
}

describe('EntityGitOpsCard', () => {
  it('shows one row per application, those needing attention first, with Argo CD words and status icons', async () => {
    const api = await renderCard({
      applications: [prodApp, devApp, stagingApp],
      errors: [],
    });

    const card = await screen.findByTestId('gitops-card');
    const names = within(within(card).getByRole('table'))
      .getAllByText(/^payments-api-/)
      .map(el => el.textContent);
    // Failed sync, then Degraded, then healthy.
    expect(names).toEqual([
      'payments-api-staging',
      'payments-api-prod',
      'payments-api-dev',
    ]);
    expect(api.getApplications).toHaveBeenCalledTimes(1);
    expect(api.getApplications).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'payments-api',
    });
    expect(api.getApplication).not.toHaveBeenCalled();
    expect(api.getGuidance).not.toHaveBeenCalled();

    const dev = within(row('payments-api-dev'));
    expect(dev.getByText('dev')).toBeInTheDocument();
    for (const word of ['Synced', 'Healthy', 'Succeeded']) {
      expect(dev.getByText(word).closest('[aria-label]')).toHaveAttribute(
        'aria-label',
        'Status ok',
      );
    }
    expect(dev.getByText('5 minutes ago')).toBeInTheDocument();

    const staging = within(row('payments-api-staging'));
    expect(
      staging.getByText('OutOfSync').closest('[aria-label]'),
    ).toHaveAttribute('aria-label', 'Status warning');
    expect(staging.getByText('Failed').closest('[aria-label]')).toHaveAttribute(
      'aria-label',
      'Status error',
    );

    const prod = within(row('payments-api-prod'));
    expect(prod.getByText('Degraded').closest('[aria-label]')).toHaveAttribute(
      'aria-label',
      'Status error',
    );
    expect(prod.getByText(BAD_SHA.slice(0, 7)).closest('a')).toHaveAttribute(
      'href',
      `https://github.com/acme/payments-api/commit/${BAD_SHA}`,
    );
    expect(
      prod.getByRole('link', { name: /^Open payments-api-prod in Argo CD/ }),
    ).toHaveAttribute(
      'href',
      'https://argocd.example.com/applications/argocd/payments-api-prod',
    );
  });

  it('shows a revision without a link when the repository URL has no commit pages', async () => {
    await renderCard({
      applications: [
        summary({
          name: 'chart-app',
          sync: { status: 'Synced', revision: '1.2.3' },
          source: {
            repoURL: 'oci://registry.example.com/charts',
            chart: 'payments',
          },
          links: {},
        }),
      ],
      errors: [],
    });
    const chart = within(row('chart-app'));
    expect(chart.getByText('1.2.3').closest('a')).toBeNull();
    expect(chart.queryByRole('link', { name: /in Argo CD/ })).toBeNull();
  });

  it('shows an instance error inline while the other rows still render', async () => {
    await renderCard({
      applications: [devApp],
      errors: [
        {
          instance: 'eu-west',
          code: 'timeout',
          message: 'no answer after 10000 ms',
        },
      ],
    });
    const card = await screen.findByTestId('gitops-card');
    expect(
      within(card).getByText('eu-west: no answer after 10000 ms (timeout)'),
    ).toBeInTheDocument();
    expect(within(card).getByText('payments-api-dev')).toBeInTheDocument();
    expect(
      within(row('payments-api-dev')).getByText('Healthy'),
    ).toBeInTheDocument();
  });

  it('shows the last known rows of a watch that lost its stream, under a warning rather than an error', async () => {
    const message =
      "The live status of Argo CD instance 'central' stopped at 2026-12-02T10:42:03.000Z: its application stream is down (Argo CD instance 'central' closed the application stream). Showing the last known status while reconnecting";
    await renderCard({
      applications: [devApp],
      errors: [{ instance: 'central', code: 'stale', message }],
    });
    const card = await screen.findByTestId('gitops-card');
    const note = within(card).getByText(`${message} (stale)`);
    expect(note.closest('[role="alert"]')).toHaveClass(
      'MuiAlert-standardWarning',
    );
    expect(within(row('payments-api-dev')).getByText('Healthy')).toBeVisible();
  });

  it('names the application that needs attention most, says what to do, and links to its panel', async () => {
    await renderCard({
      applications: [devApp, prodApp, stagingApp],
      errors: [],
    });
    const hint = await screen.findByTestId('gitops-card-hint');
    expect(hint).toHaveTextContent(
      'payments-api-staging: Last sync failed — read the sync message, fix the cause and sync again (and 1 more application).',
    );
    expect(hint).not.toHaveTextContent('payments-api-dev');
    const link = within(hint).getByRole('link', {
      name: 'Open payments-api-staging on the GitOps tab',
    });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/gitops?app=central%2Fpayments-api-staging',
    );
  });

  it('puts a Degraded prod above a healthy dev and suggests checking its resources', async () => {
    await renderCard({ applications: [devApp, prodApp], errors: [] });
    const hint = await screen.findByTestId('gitops-card-hint');
    expect(hint).toHaveTextContent(
      `payments-api-prod: Degraded after deploy ${BAD_SHA.slice(
        0,
        7,
      )} — check the unhealthy resources.`,
    );
  });

  it('keeps the hint as text when the tab route is not mounted', async () => {
    await renderCard(
      { applications: [stagingApp], errors: [] },
      { mountTab: false },
    );
    const hint = await screen.findByTestId('gitops-card-hint');
    expect(hint).toHaveTextContent('payments-api-staging: Last sync failed');
    expect(hint).toHaveTextContent('See the GitOps tab.');
    expect(within(hint).queryByRole('link')).toBeNull();
  });

  it('shows no hint when everything is synced and healthy', async () => {
    await renderCard({ applications: [devApp], errors: [] });
    await screen.findByText('payments-api-dev');
    expect(screen.queryByTestId('gitops-card-hint')).toBeNull();
  });

  it('shows the missing-annotation empty state and calls nothing for an entity without annotations', async () => {
    const api = await renderCard(
      { applications: [], errors: [] },
      { entity: plainEntity },
    );
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    const yaml = screen.getByText(/apiVersion/).closest('code');
    expect(yaml).toHaveTextContent('argocd/app-name: value');
    expect(yaml).toHaveTextContent('argocd/app-selector: value');
    expect(screen.queryByTestId('gitops-card')).toBeNull();
    expect(api.getApplications).not.toHaveBeenCalled();
  });

  it('shows the error panel when the request fails', async () => {
    const api = fakeGitOpsApi({
      getApplications: async () => {
        throw new Error('backend down');
      },
    });
    await renderCardWith(api, { mountTab: false });
    await waitFor(() =>
      expect(screen.getByTestId('gitops-card')).toHaveTextContent(
        'backend down',
      ),
    );
  });

  it('keeps the rows and says so when a refresh fails', async () => {
    let backendDown = false;
    const api = fakeGitOpsApi({
      getApplications: async () => {
        if (backendDown) throw new Error('backend down');
        return { applications: [devApp], errors: [] };
      },
    });
    await renderCardWith(api);
    await screen.findByText('payments-api-dev');

    backendDown = true;
    fireEvent.click(
      screen.getByRole('button', { name: 'Refresh GitOps status' }),
    );
    expect(
      await screen.findByText(/Refreshing failed; showing the last status/),
    ).toBeInTheDocument();
    expect(row('payments-api-dev')).toBeInTheDocument();
  });

  it('links the known-good revision of a multi-source application per source', async () => {
    await renderCard({
      applications: [
        summary({
          name: 'multi',
          sync: { status: 'Synced', revisions: [GOOD_SHA, '4.5.6'] },
          source: undefined,
          sources: [
            { repoURL: 'https://gitlab.com/acme/values.git', ref: 'values' },
            { repoURL: 'https://charts.example.com', chart: 'payments' },
          ],
        }),
      ],
      errors: [],
    });
    const multi = within(row('multi'));
    expect(multi.getByText(GOOD_SHA.slice(0, 7)).closest('a')).toHaveAttribute(
      'href',
      `https://gitlab.com/acme/values/-/commit/${GOOD_SHA}`,
    );
    expect(multi.getByText('4.5.6').closest('a')).toBeNull();
  });
});
