import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  actionsApi,
  manualProd,
  plan,
  podinfo,
  renderActions,
} from './__testUtils__/actions';

/**
 * The action buttons for a viewer denied every action (usePermission caches
 * decisions for the whole file; allowed viewers are in
 * ApplicationActions.test.tsx).
 */
describe('ApplicationActions for a viewer without the permissions', () => {
  const permissionApi = mockApis.permission({
    authorize: AuthorizeResult.DENY,
  });

  async function reasons(count: number): Promise<string[]> {
    await waitFor(() =>
      expect(screen.getAllByTestId('gitops-action-reason')).toHaveLength(count),
    );
    return screen
      .getAllByTestId('gitops-action-reason')
      .map(reason => reason.textContent ?? '');
  }

  it('disables every Argo CD button and names the missing permission in text next to it', async () => {
    const api = actionsApi();
    await renderActions({ detail: manualProd(), plan, permissionApi, api });

    expect(await reasons(3)).toEqual([
      'Refresh: Your Backstage permissions do not allow refreshing the applications of payments-api (gitops.application.refresh).',
      'Sync: Your Backstage permissions do not allow syncing the applications of payments-api (gitops.application.sync).',
      'Roll back to #6 (a1b2c3d): Your Backstage permissions do not allow rolling back the applications of payments-api (gitops.application.rollback).',
    ]);
    for (const action of ['refresh', 'sync', 'rollback']) {
      const button = screen.getByTestId(`gitops-action-${action}`);
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription(
        expect.stringContaining('Your Backstage permissions do not allow'),
      );
    }

    await userEvent.click(screen.getByTestId('gitops-action-rollback'), {
      pointerEventsCheck: 0,
    });
    expect(screen.queryByTestId('gitops-action-dialog')).toBeNull();
    expect(api.runAction).not.toHaveBeenCalled();
  });

  it('names the Flux permissions, suspend and resume sharing one', async () => {
    await renderActions({
      detail: podinfo({ suspended: true }),
      permissionApi,
    });
    // The denied permission comes before what the state forbids.
    expect(await reasons(2)).toEqual([
      'Reconcile: Your Backstage permissions do not allow reconciling the Flux objects of payments-api (gitops.fluxobject.reconcile).',
      'Resume: Your Backstage permissions do not allow resuming the Flux objects of payments-api (gitops.fluxobject.suspend).',
    ]);
  });
});
