import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { mockApis } from '@backstage/test-utils';
import { FetchApi } from '@backstage/core-plugin-api';
import { ApplicationDetailWithGuidance } from '@gitops-guide/backstage-plugin-gitops-common';
import { GitOpsApi, GitOpsClient } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  BAD_SHA,
  GOOD_SHA,
  detail,
  devApp,
  plainEntity,
  prodApp,
  responseError,
  rollbackGuidance,
  stagingApp,
} from '../shared/__fixtures__/applications';
import { fakeTimersAndVisibility } from '../shared/__testUtils__/visibility';
import { notNeeded, panel, renderTab, workingApi } from './__testUtils__/tab';

async function prodExplanations(): Promise<HTMLElement> {
  await screen.findAllByTestId('gitops-explanations');
  return within(panel('payments-api-prod')).getByTestId('gitops-explanations');
}

// Whole-tab renders (material-table, several panels) are slow on a busy CI machine.
jest.setTimeout(20_000);

describe('EntityGitOpsContent', () => {
  it('shows each application, those needing attention first, with summary, conditions, resources and history', async () => {
    const api = workingApi({
      getApplications: async () => ({
        applications: [prodApp, stagingApp, devApp],
        errors: [],
      }),
      // Only prod's detail arrives; staging's stays loading (fewer tables to render).
      getApplicationWithGuidance: (_entity, app) =>
        app.name === prodApp.name
          ? Promise.resolve({ ...detail(prodApp), guidance: notNeeded })
          : new Promise(() => {}),
    });
    await renderTab(api);

    await waitFor(() =>
      expect(screen.getAllByText('Resources that need attention')).toHaveLength(
        1,
      ),
    );
    // One request per open panel: its detail with the guidance. The healthy
    // dev panel is closed and costs nothing.
    expect(api.getApplicationWithGuidance).toHaveBeenCalledTimes(2);
    expect(api.getApplication).not.toHaveBeenCalled();
    expect(api.getGuidance).not.toHaveBeenCalled();
    const order = screen
      .getAllByRole('region', { name: /^Argo CD application/ })
      .map(region => region.getAttribute('aria-label'));
    expect(order).toEqual([
      'Argo CD application payments-api-staging',
      'Argo CD application payments-api-prod',
      'Argo CD application payments-api-dev',
    ]);
    expect(
      within(panel('payments-api-dev')).queryByTestId('gitops-summary'),
    ).toBeNull();
    expect(api.getApplicationWithGuidance).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'payments-api' },
      {
        instance: 'central',
        name: 'payments-api-prod',
        appNamespace: 'argocd',
      },
    );

    const staging = within(panel('payments-api-staging'));
    const conditions = staging.getByTestId('gitops-conditions');
    expect(conditions).toHaveTextContent(
      'SyncError: Deployment.apps "payments" is invalid: spec.selector: field is immutable',
    );
    expect(
      staging.getByText('one or more objects failed to apply'),
    ).toBeInTheDocument();

    const prod = within(panel('payments-api-prod'));
    // Summary: Argo CD's words with status icons, and the health message.
    const summary = within(prod.getByTestId('gitops-summary'));
    expect(
      summary.getByText('Degraded').closest('[aria-label]'),
    ).toHaveAttribute('aria-label', 'Status error');
    expect(summary.getByText('Synced').closest('[aria-label]')).toHaveAttribute(
      'aria-label',
      'Status ok',
    );
    expect(
      summary.getByText(/Deployment "payments" exceeded its progress deadline/),
    ).toBeInTheDocument();
    expect(summary.getByText('on (prune, self-heal)')).toBeInTheDocument();
    expect(
      summary.getByRole('link', {
        name: /central \/ payments \/ payments-api-prod/,
      }),
    ).toHaveAttribute(
      'href',
      'https://argocd.example.com/applications/argocd/payments-api-prod',
    );

    // Unhealthy resources with the counts of all of them.
    expect(
      prod.getByText('12 resources: 11 Healthy, 1 Degraded'),
    ).toBeInTheDocument();
    const resourceRow = prod.getByText('Deployment (apps)').closest('tr')!;
    expect(
      within(resourceRow)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual([
      'Deployment (apps)',
      'payments',
      'payments',
      'Degraded',
      'Synced',
      'Deployment "payments" exceeded its progress deadline',
    ]);

    // History: newest first, linked revisions, commit author and subject.
    const historyRows = within(
      prod.getByText('History').closest('.MuiPaper-root') as HTMLElement,
    )
      .getAllByRole('row')
      .slice(1);
    expect(historyRows).toHaveLength(2);
    const newest = within(historyRows[0]);
    expect(newest.getByText('7')).toBeInTheDocument();
    expect(newest.getByText(BAD_SHA.slice(0, 7)).closest('a')).toHaveAttribute(
      'href',
      `https://github.com/acme/payments-api/commit/${BAD_SHA}`,
    );
    expect(
      newest.getByText('Dana Developer <dana@example.com>'),
    ).toBeInTheDocument();
    expect(newest.getByText('Bump payments to 1.5.0')).toBeInTheDocument();
    expect(newest.getByText('automated')).toBeInTheDocument();
    const older = within(historyRows[1]);
    expect(older.getByText('Sam Senior <sam@example.com>')).toBeInTheDocument();
    expect(older.getByText('Payments 1.4.2')).toBeInTheDocument();
    expect(older.getByText('admin')).toBeInTheDocument();
  });

  it('shows the resources that failed in the last sync, from the detail', async () => {
    await renderTab(
      workingApi({
        getApplications: async () => ({
          applications: [stagingApp],
          errors: [],
        }),
        getApplicationWithGuidance: async () => ({
          ...detail(stagingApp),
          guidance: notNeeded,
          operation: {
            ...stagingApp.operation!,
            failedResources: [
              {
                group: 'apps',
                kind: 'Deployment',
                namespace: 'payments',
                name: 'payments',
                status: 'SyncFailed',
                message: 'spec.selector: field is immutable',
              },
            ],
          },
        }),
      }),
    );
    const conditions = await screen.findByTestId('gitops-conditions');
    await waitFor(() =>
      expect(conditions).toHaveTextContent(
        'Deployment payments/payments SyncFailed: spec.selector: field is immutable',
      ),
    );
  });

  it('says which parts of a detail could not be read, above the history', async () => {
    await renderTab(
      workingApi({
        getApplications: async () => ({
          applications: [stagingApp],
          errors: [],
        }),
        getApplicationWithGuidance: async () => ({
          ...detail(stagingApp),
          guidance: notNeeded,
          errors: [
            {
              instance: 'central',
              application: stagingApp.name,
              code: 'timeout',
              message:
                "The history is shown without commit author and message for 3 of 3 revisions: Argo CD instance 'central' did not answer reading the metadata of revision 'abc' before the request's 5000 ms deadline",
            },
          ],
        }),
      }),
    );
    const note = await within(panel(stagingApp.name)).findByText(
      /The history is shown without commit author and message for 3 of 3 revisions/,
    );
    expect(note).toHaveTextContent('(timeout)');
    expect(note.closest('[role="alert"]')).toHaveClass(
      'MuiAlert-standardWarning',
    );
  });

  it('explains what is going on, with links to the learning page', async () => {
    await renderTab(workingApi());
    const explanations = await prodExplanations();
    const links = within(explanations).getAllByRole('link');
    expect(
      links.map(link => [link.textContent, link.getAttribute('href')]),
    ).toEqual([
      [
        'Degraded after a deploy',
        '/gitops/entries/runbook-degraded-after-deploy',
      ],
      ['What does self-heal do?', '/gitops/entries/what-is-self-heal'],
    ]);
    expect(
      within(explanations).getByText(
        'health is Degraded: Deployment "payments" exceeded its progress deadline',
      ),
    ).toBeInTheDocument();
    expect(within(explanations).getByText('Runbook')).toBeInTheDocument();
  });

  it('links explanations through the route the app mounted the learning page on', async () => {
    await renderTab(workingApi(), {
      mountedRoutes: { '/learn': rootRouteRef },
    });
    const explanations = await prodExplanations();
    expect(
      within(explanations).getByRole('link', {
        name: 'Degraded after a deploy',
      }),
    ).toHaveAttribute('href', '/learn/entries/runbook-degraded-after-deploy');
  });

  it('falls back to a plain /gitops link when the learning page is not mounted', async () => {
    await renderTab(workingApi(), { mountedRoutes: {} });
    const explanations = await prodExplanations();
    expect(
      within(explanations).getByRole('link', {
        name: 'Degraded after a deploy',
      }),
    ).toHaveAttribute('href', '/gitops/entries/runbook-degraded-after-deploy');
  });

  it('shows rollback guidance: state, known-good vs suspect, numbered steps with commands and copy buttons, warnings', async () => {
    await renderTab(workingApi());
    const rollbacks = await screen.findAllByTestId('gitops-rollback');
    const prod = within(
      within(panel('payments-api-prod')).getByTestId('gitops-rollback'),
    );
    expect(rollbacks).toHaveLength(1);

    expect(prod.getByTestId('gitops-rollback-state')).toHaveTextContent(
      'Rollback recommended',
    );
    expect(
      prod.getByText(
        'Degraded since revision ffeeddc; revision a1b2c3d was healthy.',
      ),
    ).toBeInTheDocument();

    const good = within(prod.getByTestId('gitops-rollback-known-good'));
    expect(good.getByText(GOOD_SHA.slice(0, 7)).closest('a')).toHaveAttribute(
      'href',
      `https://github.com/acme/payments-api/commit/${GOOD_SHA}`,
    );
    expect(good.getByText(/history #6/)).toBeInTheDocument();
    expect(good.getByText('Payments 1.4.2')).toBeInTheDocument();
    expect(good.getByText('Sam Senior <sam@example.com>')).toBeInTheDocument();
    const suspect = within(prod.getByTestId('gitops-rollback-suspect'));
    expect(suspect.getByText(BAD_SHA.slice(0, 7))).toBeInTheDocument();
    expect(suspect.getByText('Bump payments to 1.5.0')).toBeInTheDocument();

    const steps = within(
      prod.getByRole('list', { name: 'Rollback steps' }),
    ).getAllByRole('listitem');
    expect(steps).toHaveLength(2);
    expect(steps[0]).toHaveTextContent(
      'Revert the suspect commit in Git (preferred)',
    );
    expect(steps[0].querySelector('code')?.textContent).toBe(
      `git revert ${BAD_SHA}\ngit push`,
    );
    expect(steps[1].querySelector('code')?.textContent).toBe(
      'argocd app set payments-api-prod --sync-policy none\nargocd app rollback payments-api-prod 6',
    );
    expect(
      prod.getByRole('button', { name: 'Copy the commands of step 1' }),
    ).toBeInTheDocument();
    expect(
      prod.getByRole('button', { name: 'Copy the commands of step 2' }),
    ).toBeInTheDocument();

    const alerts = prod.getAllByRole('alert').map(alert => alert.textContent);
    expect(alerts).toEqual([
      'Auto-sync is on: Argo CD refuses a rollback until it is disabled.',
      'Database migrations are not rolled back.',
    ]);

    // The overview's advice now names the planned target.
    expect(
      within(screen.getByTestId('gitops-overview')).getByText(
        `Degraded after deploy ${BAD_SHA.slice(
          0,
          7,
        )} — rollback to ${GOOD_SHA.slice(0, 7)} recommended`,
      ),
    ).toBeInTheDocument();
  });

  it('keeps the tab working with a backend that leaves the guidance out', async () => {
    // An older backend ignores `include=guidance` and answers the bare detail.
    await renderTab(
      workingApi({
        getApplications: async () => ({
          applications: [prodApp, stagingApp],
          errors: [],
        }),
        getApplicationWithGuidance: async (_entity, app) =>
          detail(
            app.name === prodApp.name ? prodApp : stagingApp,
          ) as ApplicationDetailWithGuidance,
      }),
    );
    const notes = await screen.findAllByTestId('gitops-guidance-unavailable');
    expect(notes).toHaveLength(2);
    expect(notes[0]).toHaveTextContent(
      'Explanations and rollback guidance are not available from this GitOps backend.',
    );
    expect(screen.queryByTestId('gitops-rollback')).toBeNull();
    // The rest of every panel still renders.
    expect(screen.getAllByText('Resources that need attention')).toHaveLength(
      2,
    );
  });

  it('shows a failed detail request inside the panel of that application only', async () => {
    const error = await responseError(500, 'Internal Server Error');
    await renderTab(
      workingApi({
        getApplications: async () => ({
          applications: [prodApp, stagingApp],
          errors: [],
        }),
        getApplicationWithGuidance: async (_entity, app) => {
          if (app.name === prodApp.name) throw error;
          return { ...detail(stagingApp), guidance: notNeeded };
        },
      }),
    );
    const prod = within(panel('payments-api-prod'));
    expect(
      await prod.findByText(
        /The guidance, resources and history of payments-api-prod could not be loaded/,
      ),
    ).toBeInTheDocument();
    expect(prod.queryByTestId('gitops-rollback')).toBeNull();
    const staging = within(panel('payments-api-staging'));
    expect(await staging.findByTestId('gitops-rollback')).toBeInTheDocument();
    expect(
      staging.getByText('Resources that need attention'),
    ).toBeInTheDocument();
  });

  it('shows instance errors above the applications that did load', async () => {
    await renderTab(
      workingApi({
        getApplications: async () => ({
          applications: [devApp],
          errors: [
            {
              instance: 'eu-west',
              code: 'unreachable',
              message: 'connection refused',
            },
          ],
        }),
      }),
    );
    expect(
      await screen.findByText('eu-west: connection refused (unreachable)'),
    ).toBeInTheDocument();
    expect(panel('payments-api-dev')).toBeInTheDocument();
  });

  it('shows the error panel when the application list cannot be loaded', async () => {
    const error = await responseError(503, 'Service Unavailable');
    await renderTab(
      workingApi({
        getApplications: async () => {
          throw error;
        },
      }),
    );
    expect(
      await screen.findByText(/Request failed with 503/),
    ).toBeInTheDocument();
  });

  it('explains how to add the annotations for an entity without any', async () => {
    const api = workingApi();
    await renderTab(api, { entity: plainEntity });
    expect(screen.getByText('No GitOps annotations')).toBeInTheDocument();
    expect(screen.getByText('Here is how to add them:')).toBeInTheDocument();
    const yaml = screen.getByText(/metadata:/).closest('code');
    expect(yaml).toHaveTextContent(
      'argocd/app-name: no-gitops-dev,no-gitops-prod',
    );
    expect(yaml).toHaveTextContent(
      'argocd/app-selector: app.kubernetes.io/part-of=no-gitops',
    );
    expect(api.getApplications).not.toHaveBeenCalled();
  });

  it('asks the backend to re-read the list and every open detail on Refresh', async () => {
    const api = workingApi();
    await renderTab(api);
    await screen.findAllByTestId('gitops-rollback');
    expect(api.getApplications).toHaveBeenCalledTimes(1);
    expect(api.getApplicationWithGuidance).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    await waitFor(() => expect(api.getApplications).toHaveBeenCalledTimes(2));
    expect(api.getApplications).toHaveBeenLastCalledWith(
      { kind: 'Component', namespace: 'default', name: 'payments-api' },
      { refresh: true },
    );
    await waitFor(() =>
      expect(api.getApplicationWithGuidance).toHaveBeenCalledTimes(2),
    );
    expect(api.getApplicationWithGuidance).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ name: 'payments-api-prod' }),
      { refresh: true },
    );
  });
});

describe('EntityGitOpsContent requests', () => {
  const BASE = 'http://backstage.test/api/gitops';
  const ENTITY = '/entities/component/default/payments-api';
  const apps = [prodApp, stagingApp, devApp];

  /** A fetchApi that records every path it is asked for and answers like the backend. */
  function countingFetchApi() {
    const paths: string[] = [];
    const fetchApi: FetchApi = {
      fetch: async input => {
        const path = String(input).slice(BASE.length);
        paths.push(path);
        const url = new URL(path, BASE);
        const app = apps.find(a => url.pathname.includes(`/${a.name}`));
        let body: unknown = { applications: apps, errors: [] };
        if (url.pathname.endsWith('/guidance')) {
          body = rollbackGuidance;
        } else if (app) {
          body = { ...detail(app), guidance: rollbackGuidance };
        }
        return { ok: true, json: async () => body } as Response;
      },
    };
    return { fetchApi, paths };
  }

  it('costs one request for the list plus one per open panel, and one more when a closed one opens', async () => {
    const { fetchApi, paths } = countingFetchApi();
    const client = new GitOpsClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
      fetchApi,
    });
    await renderTab(client);

    const detailPath = (name: string) =>
      `${ENTITY}/applications/central/${name}?appNamespace=argocd&include=guidance`;
    // The two open panels (failed staging, Degraded prod) show their guidance.
    await waitFor(() =>
      expect(screen.getAllByTestId('gitops-rollback')).toHaveLength(2),
    );
    expect(paths).toHaveLength(3);
    expect([...paths].sort()).toEqual(
      [
        `${ENTITY}/applications`,
        detailPath(stagingApp.name),
        detailPath(prodApp.name),
      ].sort(),
    );

    fireEvent.click(
      screen.getByRole('button', { name: 'Show payments-api-dev' }),
    );
    await waitFor(() =>
      expect(screen.getAllByTestId('gitops-rollback')).toHaveLength(3),
    );
    expect(paths).toHaveLength(4);
    expect(paths[3]).toBe(detailPath(devApp.name));
  });
});

describe('EntityGitOpsContent polling', () => {
  const setVisibility = fakeTimersAndVisibility();

  /**
   * Details stay pending: these tests count requests, and skipping the
   * tables keeps fake-timer rendering fast.
   */
  function pollingApi(overrides: Partial<GitOpsApi> = {}) {
    return workingApi({
      getApplicationWithGuidance: () => new Promise(() => {}),
      ...overrides,
    });
  }

  async function advance(ms: number) {
    await act(async () => {
      await jest.advanceTimersByTimeAsync(ms);
    });
  }

  it('polls the list at the configured interval, pauses while hidden, and catches up on return', async () => {
    const api = pollingApi();
    await renderTab(api, {
      config: { gitops: { frontend: { pollIntervalSeconds: 10 } } },
    });
    await waitFor(() =>
      expect(api.getApplicationWithGuidance).toHaveBeenCalledTimes(1),
    );
    expect(api.getApplications).toHaveBeenCalledTimes(1);
    expect(
      screen.getByText(
        'Updates every 10 s while this page is visible; paused while the page is hidden',
      ),
    ).toBeInTheDocument();

    await advance(10_000);
    expect(api.getApplications).toHaveBeenCalledTimes(2);
    // The summaries did not change, so no detail is fetched again.
    expect(api.getApplicationWithGuidance).toHaveBeenCalledTimes(1);

    setVisibility('hidden');
    await advance(60_000);
    expect(api.getApplications).toHaveBeenCalledTimes(2);

    setVisibility('visible');
    await advance(0);
    expect(api.getApplications).toHaveBeenCalledTimes(3);
    await advance(10_000);
    expect(api.getApplications).toHaveBeenCalledTimes(4);
  });

  it('reloads the detail of an application whose summary changed', async () => {
    let prodHealth: 'Degraded' | 'Healthy' = 'Degraded';
    const api = pollingApi({
      getApplications: async () => ({
        applications: [{ ...prodApp, health: { status: prodHealth } }, devApp],
        errors: [],
      }),
    });
    await renderTab(api, {
      config: { gitops: { frontend: { pollIntervalSeconds: 5 } } },
    });
    await waitFor(() =>
      expect(api.getApplicationWithGuidance).toHaveBeenCalledTimes(1),
    );

    prodHealth = 'Healthy';
    await advance(5_000);
    await waitFor(() =>
      expect(api.getApplicationWithGuidance).toHaveBeenCalledTimes(2),
    );
    expect(api.getApplicationWithGuidance).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ name: 'payments-api-prod' }),
    );
  });

  it('keeps the applications on screen when a poll fails', async () => {
    const error = await responseError(503, 'Service Unavailable');
    let backendDown = false;
    const api = pollingApi({
      getApplications: async () => {
        if (backendDown) throw error;
        return { applications: [prodApp, devApp], errors: [] };
      },
    });
    await renderTab(api, {
      config: { gitops: { frontend: { pollIntervalSeconds: 10 } } },
    });
    await waitFor(() =>
      expect(api.getApplicationWithGuidance).toHaveBeenCalledTimes(1),
    );

    backendDown = true;
    await advance(10_000);
    expect(
      screen.getByText(/Refreshing failed; showing the last status/),
    ).toBeInTheDocument();
    expect(panel('payments-api-prod')).toBeInTheDocument();
    expect(panel('payments-api-dev')).toBeInTheDocument();
    // The panels stayed mounted: nothing was fetched again.
    expect(api.getApplicationWithGuidance).toHaveBeenCalledTimes(1);

    backendDown = false;
    await advance(10_000);
    expect(
      screen.queryByText(/Refreshing failed; showing the last status/),
    ).toBeNull();
  });

  it('does not poll when the interval is 0', async () => {
    const api = pollingApi();
    await renderTab(api, {
      config: { gitops: { frontend: { pollIntervalSeconds: 0 } } },
    });
    await waitFor(() =>
      expect(api.getApplicationWithGuidance).toHaveBeenCalledTimes(1),
    );
    expect(
      screen.queryByText(/while this page is visible/),
    ).not.toBeInTheDocument();
    await advance(120_000);
    expect(api.getApplications).toHaveBeenCalledTimes(1);
  });

  it('polls every 30 s by default', async () => {
    const api = pollingApi();
    await renderTab(api);
    await waitFor(() =>
      expect(api.getApplicationWithGuidance).toHaveBeenCalledTimes(1),
    );
    await advance(29_000);
    expect(api.getApplications).toHaveBeenCalledTimes(1);
    await advance(1_000);
    expect(api.getApplications).toHaveBeenCalledTimes(2);
  });
});
