import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { ApplicationSummary } from '@gitops-guide/backstage-plugin-gitops-common';
import {
  BAD_SHA,
  detail,
  devApp,
  prodApp,
  stagingApp,
  summary,
} from '../shared/__fixtures__/applications';
import { fakeTimersAndVisibility } from '../shared/__testUtils__/visibility';
import { notNeeded, panel, renderTab, workingApi } from './__testUtils__/tab';

jest.setTimeout(20_000);

/** The summary button of an application's panel. */
function panelToggle(name: string): HTMLElement {
  return within(panel(name)).getAllByRole('button')[0];
}

const progressingApp = summary({
  name: 'payments-api-canary',
  environment: 'staging',
  health: { status: 'Progressing' },
});

describe('EntityGitOpsContent overview', () => {
  it('lists every application by what needs attention, with what to do', async () => {
    await renderTab(
      workingApi({
        getApplications: async () => ({
          applications: [devApp, prodApp, stagingApp],
          errors: [],
        }),
        getApplicationWithGuidance: () => new Promise(() => {}),
      }),
    );
    const overview = await screen.findByTestId('gitops-overview');
    const rows = within(overview).getAllByRole('row').slice(1);
    expect(
      rows.map(row => within(row).getAllByRole('cell')[1].textContent),
    ).toEqual([
      'payments-api-staging',
      'payments-api-prod',
      'payments-api-dev',
    ]);
    expect(
      rows.map(
        row => within(row).getByTestId('gitops-overview-line').textContent,
      ),
    ).toEqual([
      'Last sync failed — read the sync message, fix the cause and sync again',
      `Degraded after deploy ${BAD_SHA.slice(
        0,
        7,
      )} — check the unhealthy resources`,
      expect.stringMatching(/^Synced and healthy at \w{7} — nothing to do$/),
    ]);
    // The first application named on the tab is the one needing most attention.
    expect(
      within(rows[0])
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual(
      expect.arrayContaining(['staging', 'central', 'OutOfSync', 'Healthy']),
    );
  });

  it('opens panels that need attention and keeps healthy ones closed', async () => {
    await renderTab(workingApi());
    await screen.findByTestId('gitops-rollback');
    expect(panelToggle('payments-api-prod')).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(panelToggle('payments-api-dev')).toHaveAttribute(
      'aria-expanded',
      'false',
    );
  });

  it('opens the panel ?app= names, even a healthy one', async () => {
    const api = workingApi();
    await renderTab(api, { at: '/?app=central/payments-api-dev' });
    await waitFor(() =>
      expect(panelToggle('payments-api-dev')).toHaveAttribute(
        'aria-expanded',
        'true',
      ),
    );
    const explanations = await within(panel('payments-api-dev')).findByTestId(
      'gitops-explanations',
    );
    expect(explanations).toHaveTextContent(
      'Nothing to do: payments-api-dev is synced and healthy.',
    );
    expect(api.getApplicationWithGuidance).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ name: 'payments-api-dev' }),
    );
  });

  it('opens a closed panel when its overview row is selected', async () => {
    await renderTab(workingApi());
    await screen.findByTestId('gitops-rollback');
    fireEvent.click(
      screen.getByRole('button', { name: 'Show payments-api-dev' }),
    );
    await waitFor(() =>
      expect(panelToggle('payments-api-dev')).toHaveAttribute(
        'aria-expanded',
        'true',
      ),
    );
    // A healthy application gets no explanations, only "Nothing to do".
    const explanations = await within(panel('payments-api-dev')).findByTestId(
      'gitops-explanations',
    );
    expect(explanations).toHaveTextContent('Nothing to do');
    expect(within(explanations).getAllByRole('link')).toHaveLength(1);
  });
});

describe('EntityGitOpsContent polling cadence', () => {
  const setVisibility = fakeTimersAndVisibility();

  async function advance(ms: number) {
    await act(async () => {
      await jest.advanceTimersByTimeAsync(ms);
    });
  }

  function apiWith(applications: ApplicationSummary[]) {
    return workingApi({
      getApplications: async () => ({ applications, errors: [] }),
      getApplicationWithGuidance: () => new Promise(() => {}),
    });
  }

  it('polls every 5 s with fresh status while a rollout runs, and stops while hidden', async () => {
    const api = apiWith([progressingApp, devApp]);
    await renderTab(api);
    await screen.findByText(
      'Updates every 5 s while a sync or rollout runs; paused while the page is hidden',
    );
    expect(api.getApplications).toHaveBeenCalledTimes(1);
    await advance(5_000);
    expect(api.getApplications).toHaveBeenCalledTimes(2);
    expect(api.getApplications).toHaveBeenLastCalledWith(expect.anything(), {
      refresh: true,
    });
    await advance(5_000);
    expect(api.getApplications).toHaveBeenCalledTimes(3);

    setVisibility('hidden');
    await advance(60_000);
    expect(api.getApplications).toHaveBeenCalledTimes(3);
  });

  it('counts a running sync as active too', async () => {
    const api = apiWith([
      { ...stagingApp, operation: { phase: 'Running', startedAt: 'x' } },
    ]);
    await renderTab(api);
    expect(
      await screen.findByText(/Updates every 5 s while a sync or rollout runs/),
    ).toBeInTheDocument();
  });

  it('slows to twice the interval when everything is synced and healthy', async () => {
    const api = apiWith([devApp]);
    await renderTab(api);
    await screen.findByText(
      'Updates every 60 s while all is synced and healthy; paused while the page is hidden',
    );
    await advance(59_000);
    expect(api.getApplications).toHaveBeenCalledTimes(1);
    await advance(1_000);
    expect(api.getApplications).toHaveBeenCalledTimes(2);
    // Calm polls read the backend's cache.
    expect(api.getApplications).toHaveBeenLastCalledWith(expect.anything());
  });

  it('speeds up once a rollout starts, and keeps the recovered panel open', async () => {
    let current: ApplicationSummary[] = [prodApp];
    const api = workingApi({
      getApplications: async () => ({ applications: current, errors: [] }),
      getApplicationWithGuidance: async () => ({
        ...detail(prodApp),
        guidance: notNeeded,
      }),
    });
    await renderTab(api, {
      config: { gitops: { frontend: { pollIntervalSeconds: 20 } } },
    });
    await screen.findByText(/Updates every 20 s while this page is visible/);

    current = [{ ...prodApp, health: { status: 'Progressing' } }];
    await advance(20_000);
    await screen.findByText(/Updates every 5 s/);
    await advance(5_000);
    expect(api.getApplications).toHaveBeenCalledTimes(3);

    current = [{ ...prodApp, health: { status: 'Healthy' } }];
    await advance(5_000);
    await screen.findByText(/Updates every 40 s/);
    expect(panelToggle('payments-api-prod')).toHaveAttribute(
      'aria-expanded',
      'true',
    );
  });
});
