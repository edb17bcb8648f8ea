import { act, waitFor } from '@testing-library/react';
import { GitOpsApi } from '../../api';
import {
  devApp,
  prodApp,
  stagingApp,
} from '../shared/__fixtures__/applications';
import { changedSignal, fakeSignalApi } from '../shared/__testUtils__/signals';
import { fakeTimersAndVisibility } from '../shared/__testUtils__/visibility';
import { renderTab, workingApi } from './__testUtils__/tab';

// Whole-tab renders (material-table, several panels) are slow on a busy CI machine.
jest.setTimeout(20_000);

describe('EntityGitOpsContent live updates', () => {
  fakeTimersAndVisibility();

  async function advance(ms: number) {
    await act(async () => {
      await jest.advanceTimersByTimeAsync(ms);
    });
  }

  /**
   * Prod and staging need attention (open panels), dev is healthy (closed).
   * Details stay pending: these tests count requests.
   */
  function liveApi(overrides: Partial<GitOpsApi> = {}) {
    return workingApi({
      getApplications: async () => ({
        applications: [prodApp, stagingApp, devApp],
        errors: [],
      }),
      getApplicationWithGuidance: () => new Promise(() => {}),
      ...overrides,
    });
  }

  function detailReadsOf(api: GitOpsApi, name: string) {
    return jest
      .mocked(api.getApplicationWithGuidance)
      .mock.calls.filter(([, app]) => app.name === name);
  }

  it('re-reads the list and the detail of each open panel whose application changed', async () => {
    const api = liveApi();
    const signals = fakeSignalApi();
    await renderTab(api, { signalApi: signals.api });
    await waitFor(() =>
      expect(api.getApplicationWithGuidance).toHaveBeenCalledTimes(2),
    );

    // Prod's resources changed; its summary in the list did not.
    signals.push(
      changedSignal(
        { name: prodApp.name, resourceVersion: '101' },
        { name: devApp.name, resourceVersion: '55' },
      ),
    );
    await advance(0);

    expect(api.getApplications).toHaveBeenCalledTimes(2);
    expect(api.getApplications).toHaveBeenLastCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'payments-api',
    });
    // Plain reads (no `refresh`): the backend's store is live.
    expect(detailReadsOf(api, prodApp.name)).toEqual([
      [expect.anything(), expect.objectContaining({ name: prodApp.name })],
      [expect.anything(), expect.objectContaining({ name: prodApp.name })],
    ]);
    // Staging did not change; dev's panel is closed and loads when opened.
    expect(detailReadsOf(api, stagingApp.name)).toHaveLength(1);
    expect(detailReadsOf(api, devApp.name)).toHaveLength(0);
  });

  it('counts every signal delivered before a render, not only the last one', async () => {
    const api = liveApi();
    const signals = fakeSignalApi();
    await renderTab(api, { signalApi: signals.api });
    await waitFor(() =>
      expect(api.getApplicationWithGuidance).toHaveBeenCalledTimes(2),
    );

    // Two applications change at once: two messages, one render.
    signals.push(
      changedSignal({ name: prodApp.name, resourceVersion: '101' }),
      changedSignal({ name: stagingApp.name, resourceVersion: '77' }),
    );
    await advance(0);

    expect(api.getApplications).toHaveBeenCalledTimes(2);
    expect(detailReadsOf(api, prodApp.name)).toHaveLength(2);
    expect(detailReadsOf(api, stagingApp.name)).toHaveLength(2);
  });

  it('reads a changed detail once when its summary in the list changed too', async () => {
    let prodHealth: 'Degraded' | 'Healthy' = 'Degraded';
    const api = liveApi({
      getApplications: async () => ({
        applications: [{ ...prodApp, health: { status: prodHealth } }, devApp],
        errors: [],
      }),
    });
    const signals = fakeSignalApi();
    await renderTab(api, { signalApi: signals.api });
    await waitFor(() =>
      expect(api.getApplicationWithGuidance).toHaveBeenCalledTimes(1),
    );

    prodHealth = 'Healthy';
    signals.push(changedSignal({ name: prodApp.name, resourceVersion: '101' }));
    await advance(0);
    expect(api.getApplications).toHaveBeenCalledTimes(2);
    await advance(5_000);
    expect(api.getApplicationWithGuidance).toHaveBeenCalledTimes(2);
  });

  it('keeps polling at the configured interval alongside the signals', async () => {
    const api = liveApi();
    const signals = fakeSignalApi();
    await renderTab(api, {
      signalApi: signals.api,
      config: { gitops: { frontend: { pollIntervalSeconds: 10 } } },
    });
    await waitFor(() =>
      expect(api.getApplicationWithGuidance).toHaveBeenCalledTimes(2),
    );

    await advance(3_000);
    signals.push(changedSignal({ name: devApp.name, resourceVersion: '55' }));
    await advance(0);
    expect(api.getApplications).toHaveBeenCalledTimes(2);

    await advance(7_000);
    expect(api.getApplications).toHaveBeenCalledTimes(3);
  });
});
