import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  BAD_SHA,
  GOOD_SHA,
  responseError,
} from '../../shared/__fixtures__/applications';
import {
  ENTITY_REF,
  actionsApi,
  fakeFollow,
  manualProd,
  plan,
  podinfo,
  renderActions,
  rollbackResponse,
} from './__testUtils__/actions';

/**
 * The action buttons for a viewer allowed every action (usePermission
 * caches decisions for the whole file; denied viewers are in
 * ApplicationActions.denied.test.tsx).
 */
describe('ApplicationActions', () => {
  const authorize = jest.fn((_request: unknown) => AuthorizeResult.ALLOW);
  const permissionApi = mockApis.permission({ authorize });
  const PROD_REF = {
    instance: 'central',
    name: 'payments-api-prod',
    appNamespace: 'argocd',
  };

  async function enabled(testId: string): Promise<HTMLElement> {
    const button = await screen.findByTestId(testId);
    await waitFor(() => expect(button).toBeEnabled());
    return button;
  }

  async function openDialog(action: string): Promise<HTMLElement> {
    await userEvent.click(await enabled(`gitops-action-${action}`));
    return screen.findByTestId('gitops-action-dialog');
  }

  it('shows no buttons when the backend accepts no actions for the application', async () => {
    await renderActions({
      detail: manualProd({ actions: undefined }),
      plan,
      permissionApi,
    });
    expect(screen.queryByTestId('gitops-actions')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();

    await renderActions({
      detail: manualProd({ actions: [] }),
      plan,
      permissionApi,
    });
    expect(screen.queryByTestId('gitops-actions')).toBeNull();
  });

  it('shows a button for each Argo CD action the backend accepts, the rollback naming its target', async () => {
    await renderActions({ detail: manualProd(), plan, permissionApi });

    await enabled('gitops-action-rollback');
    const buttons = within(screen.getByTestId('gitops-actions'))
      .getAllByRole('button')
      .map(button => [button.textContent, button.hasAttribute('disabled')]);
    expect(buttons).toEqual([
      ['Refresh', false],
      ['Sync', false],
      [`Roll back to #6 (${GOOD_SHA.slice(0, 7)})`, false],
    ]);
    expect(screen.queryByTestId('gitops-action-reason')).toBeNull();
    // Each permission is checked against the entity whose page this is.
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'gitops.application.rollback',
          resourceType: 'catalog-entity',
        }),
        resourceRef: 'component:default/payments-api',
      }),
    );
  });

  it('shows only the actions the backend lists', async () => {
    await renderActions({
      detail: manualProd({ actions: ['refresh'] }),
      plan,
      permissionApi,
    });
    await enabled('gitops-action-refresh');
    expect(screen.queryByTestId('gitops-action-sync')).toBeNull();
    expect(screen.queryByTestId('gitops-action-rollback')).toBeNull();
  });

  it('disables the rollback while auto-sync is on, saying why next to the button', async () => {
    await renderActions({
      detail: manualProd({
        autoSync: { enabled: true, prune: true, selfHeal: true },
      }),
      plan,
      permissionApi,
    });
    await enabled('gitops-action-sync');
    const rollback = screen.getByTestId('gitops-action-rollback');
    expect(rollback).toBeDisabled();
    const reason = screen.getByTestId('gitops-action-reason');
    expect(reason).toHaveTextContent(
      "'payments-api-prod' has auto-sync on: Argo CD refuses a rollback",
    );
    expect(reason).toHaveTextContent('turn auto-sync off first');
    expect(rollback).toHaveAttribute('aria-describedby', reason.id);
    expect(rollback).toHaveAccessibleDescription(reason.textContent!);
    expect(screen.getByTestId('gitops-action-refresh')).toBeEnabled();
  });

  it('disables sync and rollback while an operation runs, but not refresh', async () => {
    await renderActions({
      detail: manualProd({
        operation: {
          phase: 'Running',
          startedAt: new Date().toISOString(),
          initiatedBy: 'dana',
        },
      }),
      plan,
      permissionApi,
    });
    await enabled('gitops-action-refresh');
    expect(screen.getByTestId('gitops-action-sync')).toBeDisabled();
    expect(screen.getByTestId('gitops-action-rollback')).toBeDisabled();
    expect(
      screen.getAllByTestId('gitops-action-reason').map(r => r.textContent),
    ).toEqual([
      expect.stringMatching(
        /^Sync: Another operation is running on 'payments-api-prod' \(started by dana\)/,
      ),
      expect.stringMatching(/^Roll back to #6 \(a1b2c3d\): Another operation/),
    ]);
  });

  it('disables the rollback when no history entry is known to be good', async () => {
    await renderActions({
      detail: manualProd(),
      plan: {
        ...plan,
        state: 'unknown',
        reason: 'Only one successful sync in history.',
        knownGood: null,
      },
      permissionApi,
    });
    await enabled('gitops-action-sync');
    const rollback = screen.getByTestId('gitops-action-rollback');
    expect(rollback).toHaveTextContent(/^Roll back$/);
    expect(rollback).toBeDisabled();
    expect(screen.getByTestId('gitops-action-reason')).toHaveTextContent(
      'Roll back: No history entry of payments-api-prod is known to be good to roll back to. Only one successful sync in history.',
    );
  });

  it('restates the rollback in the dialog: the target, both revisions, the warnings and the options', async () => {
    await renderActions({ detail: manualProd(), plan, permissionApi });
    const dialog = within(await openDialog('rollback'));

    expect(
      screen.getByRole('dialog', {
        name: `Roll back payments-api-prod to #6 (${GOOD_SHA.slice(0, 7)})`,
      }),
    ).toBeInTheDocument();
    expect(dialog.getByTestId('gitops-action-target')).toHaveTextContent(
      'Target: payments-api-prod on Argo CD instance central, namespace argocd; deploys to https://kubernetes.default.svc / payments.',
    );
    const good = within(dialog.getByTestId('gitops-action-dialog-known-good'));
    expect(good.getByText(GOOD_SHA.slice(0, 7))).toBeInTheDocument();
    expect(good.getByText(/history #6/)).toBeInTheDocument();
    const suspect = within(dialog.getByTestId('gitops-action-dialog-suspect'));
    expect(suspect.getByText(BAD_SHA.slice(0, 7))).toBeInTheDocument();
    expect(
      dialog.getAllByRole('alert').map(alert => alert.textContent),
    ).toEqual(plan.warnings);

    const prune = dialog.getByRole('checkbox', { name: /Prune/ });
    expect(prune).not.toBeChecked();
    expect(dialog.queryByTestId('gitops-action-prune-warning')).toBeNull();
    await userEvent.click(prune);
    expect(dialog.getByTestId('gitops-action-prune-warning')).toHaveTextContent(
      'Prune deletes the live resources',
    );
    expect(dialog.getByTestId('gitops-action-dry-run')).toBeEnabled();
    expect(dialog.getByTestId('gitops-action-confirm')).toHaveTextContent(
      'Roll back',
    );

    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByTestId('gitops-action-dialog')).toBeNull(),
    );
  });

  it('sends a dry run with dryRun: true, says nothing changed, and still offers the real thing', async () => {
    const api = actionsApi({
      runAction: async () =>
        rollbackResponse({
          dryRun: true,
          message:
            "Argo CD ran a dry run of the rollback of 'payments-api-prod'",
        }),
    });
    const follow = fakeFollow();
    await renderActions({
      detail: manualProd(),
      plan,
      permissionApi,
      api,
      follow,
    });
    const dialog = within(await openDialog('rollback'));

    await userEvent.click(dialog.getByTestId('gitops-action-dry-run'));

    const outcome = await dialog.findByTestId('gitops-action-outcome');
    expect(outcome).toHaveTextContent(
      "Dry run: nothing was changedArgo CD ran a dry run of the rollback of 'payments-api-prod'",
    );
    expect(api.runAction).toHaveBeenCalledTimes(1);
    expect(api.runAction).toHaveBeenCalledWith(ENTITY_REF, PROD_REF, {
      action: 'rollback',
      id: 6,
      prune: false,
      dryRun: true,
    });
    // The dry run's operation is followed like any other.
    expect(follow.start).toHaveBeenCalledWith(
      { action: 'rollback', id: 6, prune: false, dryRun: true },
      expect.objectContaining({ dryRun: true }),
    );
    expect(dialog.getByTestId('gitops-action-confirm')).toBeEnabled();
  });

  it('rolls back with the chosen options on confirm, shows the message, and then offers only Close', async () => {
    const api = actionsApi();
    const follow = fakeFollow();
    await renderActions({
      detail: manualProd(),
      plan,
      permissionApi,
      api,
      follow,
    });
    const dialog = within(await openDialog('rollback'));

    await userEvent.click(dialog.getByTestId('gitops-action-confirm'));

    expect(
      await dialog.findByTestId('gitops-action-outcome'),
    ).toHaveTextContent(
      "Argo CD started a rollback of 'payments-api-prod' to history #6 (a1b2c3d)",
    );
    expect(api.runAction).toHaveBeenCalledWith(ENTITY_REF, PROD_REF, {
      action: 'rollback',
      id: 6,
      prune: false,
      dryRun: false,
    });
    expect(follow.start).toHaveBeenCalledTimes(1);
    expect(dialog.queryByTestId('gitops-action-confirm')).toBeNull();
    expect(dialog.queryByTestId('gitops-action-dry-run')).toBeNull();
    await userEvent.click(dialog.getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByTestId('gitops-action-dialog')).toBeNull(),
    );
  });

  it('disables every button of the dialog while the request runs', async () => {
    const api = actionsApi({ runAction: () => new Promise(() => {}) });
    await renderActions({ detail: manualProd(), plan, permissionApi, api });
    const dialog = within(await openDialog('sync'));

    await userEvent.click(dialog.getByTestId('gitops-action-confirm'));

    expect(dialog.getByTestId('gitops-action-confirm')).toBeDisabled();
    expect(dialog.getByTestId('gitops-action-dry-run')).toBeDisabled();
    expect(dialog.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    expect(dialog.getByRole('checkbox', { name: /Prune/ })).toBeDisabled();
    expect(api.runAction).toHaveBeenCalledWith(ENTITY_REF, PROD_REF, {
      action: 'sync',
      prune: false,
      dryRun: false,
    });
  });

  it.each([
    [409, 'Not possible in the current state'],
    [502, 'Argo CD refused or failed'],
  ])(
    'shows a %i with the backend message and keeps the dialog open',
    async (status, title) => {
      const message =
        "Argo CD instance 'central' refused the rollback: permission denied (Argo CD RBAC)";
      const error = await responseError(status, message);
      const follow = fakeFollow();
      const api = actionsApi({
        runAction: async () => {
          throw error;
        },
      });
      await renderActions({
        detail: manualProd(),
        plan,
        permissionApi,
        api,
        follow,
      });
      const dialog = within(await openDialog('rollback'));

      await userEvent.click(dialog.getByTestId('gitops-action-confirm'));

      const outcome = await dialog.findByTestId('gitops-action-outcome');
      expect(outcome).toHaveTextContent(`${title}${message}`);
      expect(outcome).toHaveClass('MuiAlert-standardError');
      expect(follow.start).not.toHaveBeenCalled();
      expect(screen.getByTestId('gitops-action-dialog')).toBeVisible();
      // The user may try again once they have read it.
      expect(dialog.getByTestId('gitops-action-confirm')).toBeEnabled();
    },
  );

  it('refreshes with the hard option, without a dry run', async () => {
    const api = actionsApi({
      runAction: async () =>
        rollbackResponse({
          action: 'refresh',
          message: "Argo CD refreshed 'payments-api-prod'",
          follow: undefined,
        }),
    });
    await renderActions({ detail: manualProd(), plan, permissionApi, api });
    const dialog = within(await openDialog('refresh'));
    expect(dialog.getByText(/Nothing is deployed/)).toBeInTheDocument();
    expect(dialog.queryByTestId('gitops-action-dry-run')).toBeNull();

    await userEvent.click(
      dialog.getByRole('checkbox', { name: /Hard refresh/ }),
    );
    await userEvent.click(dialog.getByTestId('gitops-action-confirm'));

    expect(
      await dialog.findByTestId('gitops-action-outcome'),
    ).toHaveTextContent("Argo CD refreshed 'payments-api-prod'");
    expect(api.runAction).toHaveBeenCalledWith(ENTITY_REF, PROD_REF, {
      action: 'refresh',
      hard: true,
    });
  });

  it('shows the followed action in a live region under the buttons', async () => {
    const now = Date.now();
    await renderActions({
      detail: manualProd(),
      plan,
      permissionApi,
      follow: fakeFollow({
        running: true,
        now,
        followed: {
          id: 1,
          action: 'rollback',
          dryRun: false,
          startedAtMs: now - 3_000,
          target: { kind: 'operation', operation: { phase: 'Running' } },
        },
      }),
    });
    const line = await screen.findByTestId('gitops-operation-follow');
    expect(line).toHaveTextContent('Rollback running… started 3 s ago');
    expect(line.closest('[role="status"]')).toHaveAttribute(
      'aria-live',
      'polite',
    );
  });

  describe('for Flux', () => {
    const PODINFO_REF = {
      instance: 'demo-cluster',
      name: 'podinfo',
      appNamespace: 'apps',
      kind: 'Kustomization',
    };

    it('offers Reconcile and Suspend for an object Flux reconciles, and reconciles with its source', async () => {
      const api = actionsApi({
        runAction: async () => ({
          action: 'reconcile',
          dryRun: false,
          message: "Flux was asked to reconcile Kustomization 'podinfo'",
          application: podinfo(),
          follow: { reconcileRequestedAt: '2024-05-01T10:00:00Z' },
        }),
      });
      await renderActions({ detail: podinfo(), permissionApi, api });
      await enabled('gitops-action-reconcile');
      expect(
        within(screen.getByTestId('gitops-actions'))
          .getAllByRole('button')
          .map(button => button.textContent),
      ).toEqual(['Reconcile', 'Suspend']);

      const dialog = within(await openDialog('reconcile'));
      expect(
        screen.getByRole('dialog', { name: 'Reconcile Kustomization podinfo' }),
      ).toBeInTheDocument();
      expect(dialog.getByTestId('gitops-action-target')).toHaveTextContent(
        'Target: Kustomization podinfo on cluster demo-cluster, namespace apps.',
      );
      expect(dialog.queryByTestId('gitops-action-dry-run')).toBeNull();
      await userEvent.click(
        dialog.getByRole('checkbox', { name: /Also reconcile the source/ }),
      );
      await userEvent.click(dialog.getByTestId('gitops-action-confirm'));

      expect(
        await dialog.findByTestId('gitops-action-outcome'),
      ).toHaveTextContent(
        "Flux was asked to reconcile Kustomization 'podinfo'",
      );
      expect(api.runAction).toHaveBeenCalledWith(ENTITY_REF, PODINFO_REF, {
        action: 'reconcile',
        withSource: true,
      });
    });

    it('suspends with an empty request', async () => {
      const api = actionsApi({
        runAction: async () => ({
          action: 'suspend',
          dryRun: false,
          message: "Flux suspended Kustomization 'podinfo'",
          application: podinfo({ suspended: true }),
        }),
      });
      await renderActions({ detail: podinfo(), permissionApi, api });
      const dialog = within(await openDialog('suspend'));
      expect(
        dialog.getByText(/Flux stops reconciling Kustomization podinfo/),
      ).toBeInTheDocument();
      await userEvent.click(dialog.getByTestId('gitops-action-confirm'));
      await dialog.findByTestId('gitops-action-outcome');
      expect(api.runAction).toHaveBeenCalledWith(ENTITY_REF, PODINFO_REF, {
        action: 'suspend',
      });
    });

    it('offers Resume instead of Suspend for a suspended object, and no reconcile until it resumes', async () => {
      await renderActions({
        detail: podinfo({ suspended: true }),
        permissionApi,
      });
      await enabled('gitops-action-resume');
      expect(screen.queryByTestId('gitops-action-suspend')).toBeNull();
      expect(screen.getByTestId('gitops-action-reconcile')).toBeDisabled();
      expect(screen.getByTestId('gitops-action-reason')).toHaveTextContent(
        "Reconcile: Kustomization 'podinfo' is suspended: Flux does not reconcile it until it is resumed. Resume it first",
      );
    });
  });
});
