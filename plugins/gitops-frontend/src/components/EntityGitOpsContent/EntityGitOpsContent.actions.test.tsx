import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis } from '@backstage/test-utils';
import {
  ApplicationDetailWithGuidance,
  ApplicationOperation,
} from '@gitops-guide/backstage-plugin-gitops-common';
import {
  manualProd,
  rollbackResponse,
} from '../GuidancePanels/actions/__testUtils__/actions';
import { rollbackGuidance } from '../shared/__fixtures__/applications';
import { fakeTimersAndVisibility } from '../shared/__testUtils__/visibility';
import { panel, renderTab, workingApi } from './__testUtils__/tab';

// Whole-tab renders (material-table, several panels) are slow on a busy CI machine.
jest.setTimeout(30_000);

const STARTED = '2024-05-01T10:00:00Z';

describe('EntityGitOpsContent actions', () => {
  fakeTimersAndVisibility();

  async function advance(ms: number) {
    await act(async () => {
      await jest.advanceTimersByTimeAsync(ms);
    });
  }

  /** The operation Argo CD reports: the previous sync, then the rollback. */
  let operation: ApplicationOperation;
  const previous: ApplicationOperation = {
    phase: 'Succeeded',
    startedAt: '2024-05-01T09:00:00Z',
    finishedAt: '2024-05-01T09:01:00Z',
  };

  function actionApi() {
    return workingApi({
      getApplications: async () => ({
        applications: [{ ...manualProd(), operation }],
        errors: [],
      }),
      getApplicationWithGuidance: async () =>
        ({
          ...manualProd(),
          operation,
          guidance: rollbackGuidance,
        } as ApplicationDetailWithGuidance),
      runAction: async () => rollbackResponse(),
    });
  }

  it('follows a rollback in the panel until its operation ends, then reads the applications again', async () => {
    operation = previous;
    const api = actionApi();
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    await renderTab(api, { permissionApi: mockApis.permission() });

    const prod = within(panel('payments-api-prod'));
    const rollback = await prod.findByTestId('gitops-action-rollback');
    await waitFor(() => expect(rollback).toBeEnabled());
    await user.click(rollback);
    const dialog = within(await screen.findByTestId('gitops-action-dialog'));
    await user.click(dialog.getByTestId('gitops-action-confirm'));
    await dialog.findByTestId('gitops-action-outcome');
    expect(api.runAction).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'payments-api' },
      {
        instance: 'central',
        name: 'payments-api-prod',
        appNamespace: 'argocd',
      },
      { action: 'rollback', id: 6, prune: false, dryRun: false },
    );
    await user.click(dialog.getByRole('button', { name: 'Close' }));

    const freshDetails = () =>
      api.getApplicationWithGuidance.mock.calls.filter(call => call[2]?.refresh)
        .length;
    await waitFor(() => expect(freshDetails()).toBe(1));
    const line = prod.getByTestId('gitops-operation-follow');
    expect(line).toHaveTextContent(/^Rollback running… started \d+ s ago$/);

    operation = { phase: 'Running', startedAt: STARTED };
    await advance(2_000);
    expect(freshDetails()).toBe(2);
    expect(line).toHaveTextContent('Rollback running…');
    // The summary follows the detail while the list lags behind.
    expect(
      within(prod.getByTestId('gitops-summary')).getByText('Running'),
    ).toBeInTheDocument();
    expect(api.getApplications).toHaveBeenCalledTimes(1);

    operation = {
      phase: 'Succeeded',
      startedAt: STARTED,
      message: 'successfully synced (all tasks run)',
    };
    await advance(2_000);
    expect(freshDetails()).toBe(3);
    await waitFor(() =>
      expect(prod.getByTestId('gitops-operation-follow')).toHaveTextContent(
        'Rollback ended: Succeeded — successfully synced (all tasks run)',
      ),
    );
    await waitFor(() =>
      expect(api.getApplications).toHaveBeenLastCalledWith(
        { kind: 'Component', namespace: 'default', name: 'payments-api' },
        { refresh: true },
      ),
    );

    await advance(20_000);
    expect(freshDetails()).toBe(3);
  });

  it('shows in the dialog that a dry run changed nothing, then the result of its operation', async () => {
    operation = previous;
    const api = actionApi();
    api.runAction.mockImplementation(async () =>
      rollbackResponse({
        dryRun: true,
        message:
          "Argo CD started a dry run of a rollback of 'payments-api-prod' to #6 (a1b2c3d); nothing in the cluster changes",
      }),
    );
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    await renderTab(api, { permissionApi: mockApis.permission() });

    const rollback = await within(panel('payments-api-prod')).findByTestId(
      'gitops-action-rollback',
    );
    await waitFor(() => expect(rollback).toBeEnabled());
    await user.click(rollback);
    const dialog = within(await screen.findByTestId('gitops-action-dialog'));
    await user.click(dialog.getByTestId('gitops-action-dry-run'));

    const outcome = await dialog.findByTestId('gitops-action-outcome');
    expect(outcome).toHaveTextContent('Dry run: nothing was changed');
    expect(outcome).toHaveTextContent('Dry run of the rollback running…');
    expect(api.runAction).toHaveBeenCalledWith(
      expect.anything(),
      expect.anything(),
      { action: 'rollback', id: 6, prune: false, dryRun: true },
    );

    operation = { phase: 'Running', startedAt: STARTED };
    await advance(2_000);
    // Argo CD runs one operation at a time, the dry run's too.
    expect(dialog.getByTestId('gitops-action-confirm')).toBeDisabled();
    expect(dialog.getByTestId('gitops-action-refusal')).toHaveTextContent(
      "Another operation is running on 'payments-api-prod'",
    );

    operation = {
      phase: 'Succeeded',
      startedAt: STARTED,
      message: 'successfully synced (dry run)',
    };
    await advance(2_000);
    await waitFor(() =>
      expect(outcome).toHaveTextContent(
        'Dry run of the rollback ended: Succeeded — successfully synced (dry run)',
      ),
    );
    expect(dialog.getByTestId('gitops-action-confirm')).toBeEnabled();
    expect(dialog.queryByTestId('gitops-action-refusal')).toBeNull();
  });
});
