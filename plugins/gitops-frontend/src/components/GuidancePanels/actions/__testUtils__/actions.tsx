import { PermissionApi } from '@backstage/plugin-permission-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  ApplicationDetail,
  GitOpsActionName,
  GitOpsActionResponse,
  RollbackPlan,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { GitOpsApi, gitOpsApiRef } from '../../../../api';
import {
  detail,
  fakeGitOpsApi,
  prodApp,
  rollbackGuidance,
  summary,
} from '../../../shared/__fixtures__/applications';
import { ApplicationActions } from '../ApplicationActions';
import { OperationFollow } from '../useFollowOperation';

export const ENTITY_REF = {
  kind: 'Component',
  namespace: 'default',
  name: 'payments-api',
};

export const ARGOCD: GitOpsActionName[] = ['refresh', 'sync', 'rollback'];
export const FLUX: GitOpsActionName[] = ['reconcile', 'suspend', 'resume'];

/** The Degraded prod application with auto-sync off, so Argo CD accepts a rollback. */
export function manualProd(
  overrides: Partial<ApplicationDetail> = {},
): ApplicationDetail {
  return {
    ...detail(prodApp),
    autoSync: { enabled: false, prune: false, selfHeal: false },
    actions: ARGOCD,
    ...overrides,
  };
}

/** A Flux Kustomization on the demo cluster. */
export function podinfo(
  overrides: Partial<ApplicationDetail> = {},
): ApplicationDetail {
  return {
    ...detail(
      summary({
        name: 'podinfo',
        instance: 'demo-cluster',
        sourceKind: 'flux',
        kind: 'Kustomization',
        namespace: 'apps',
        operation: null,
        autoSync: { enabled: true, prune: true, selfHeal: true },
        links: {},
      }),
    ),
    history: [],
    actions: FLUX,
    ...overrides,
  };
}

/** Rolls back to history #6 (GOOD_SHA), away from #7. */
export const plan: RollbackPlan = rollbackGuidance.rollback;

/** What the backend answers to a rollback. */
export function rollbackResponse(
  overrides: Partial<GitOpsActionResponse> = {},
): GitOpsActionResponse {
  return {
    action: 'rollback',
    dryRun: false,
    message:
      "Argo CD started a rollback of 'payments-api-prod' to history #6 (a1b2c3d)",
    application: manualProd(),
    follow: {
      operation: { phase: 'Running', startedAt: '2024-05-01T10:00:00Z' },
    },
    ...overrides,
  };
}

/** A follower that follows nothing; `start` records its calls. */
export function fakeFollow(
  overrides: Partial<OperationFollow> = {},
): OperationFollow & { start: jest.Mock } {
  return {
    followed: undefined,
    running: false,
    now: Date.now(),
    start: jest.fn(() => undefined),
    ...overrides,
  } as OperationFollow & { start: jest.Mock };
}

export function actionsApi(
  overrides: Partial<GitOpsApi> = {},
): jest.Mocked<GitOpsApi> {
  return fakeGitOpsApi({
    runAction: async () => rollbackResponse(),
    ...overrides,
  });
}

export async function renderActions(options: {
  detail: ApplicationDetail;
  permissionApi: PermissionApi;
  api?: GitOpsApi;
  plan?: RollbackPlan;
  follow?: OperationFollow;
}) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [gitOpsApiRef, options.api ?? actionsApi()],
        [permissionApiRef, options.permissionApi],
      ]}
    >
      <ApplicationActions
        entityRef={ENTITY_REF}
        detail={options.detail}
        plan={options.plan}
        follow={options.follow ?? fakeFollow()}
      />
    </TestApiProvider>,
  );
}
