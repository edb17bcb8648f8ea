import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { configApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { Entity } from '@backstage/catalog-model';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { screen } from '@testing-library/react';
import { gitOpsApiRef, GitOpsApi } from '../../../api';
import { rootRouteRef } from '../../../routes';
import {
  annotatedEntity,
  detail,
  devApp,
  fakeGitOpsApi,
  prodApp,
  rollbackGuidance,
} from '../../shared/__fixtures__/applications';
import { EntityGitOpsContent } from '../EntityGitOpsContent';

/** Guidance for a healthy application: nothing to explain, no rollback. */
export const notNeeded = {
  ...rollbackGuidance,
  explanations: [],
  rollback: {
    state: 'not-needed' as const,
    reason: 'Synced and Healthy.',
    knownGood: null,
    suspect: null,
    steps: [],
    warnings: [],
  },
};

export function workingApi(overrides: Partial<GitOpsApi> = {}) {
  return fakeGitOpsApi({
    getApplications: async () => ({
      applications: [prodApp, devApp],
      errors: [],
    }),
    getApplicationWithGuidance: async (_entity, app) =>
      app.name === prodApp.name
        ? { ...detail(prodApp), guidance: rollbackGuidance }
        : { ...detail(devApp), guidance: notNeeded },
    ...overrides,
  });
}

export async function renderTab(
  api: GitOpsApi,
  options: {
    entity?: Entity;
    config?: object;
    mountedRoutes?: Record<string, typeof rootRouteRef>;
    /** The address the tab opens at, e.g. `/?app=central/payments-api-dev`. */
    at?: string;
    /** Needed once a detail lists actions; the tab asks for nothing else. */
    permissionApi?: PermissionApi;
    /** The signals plugin's API; without it the tab only polls. */
    signalApi?: SignalApi;
  } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [gitOpsApiRef, api],
        [configApiRef, mockApis.config({ data: options.config ?? {} })],
        [permissionApiRef, options.permissionApi ?? mockApis.permission()],
        ...(options.signalApi
          ? [[signalApiRef, options.signalApi] as const]
          : []),
      ]}
    >
      <EntityProvider entity={options.entity ?? annotatedEntity}>
        <EntityGitOpsContent />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: options.mountedRoutes ?? { '/gitops': rootRouteRef },
      routeEntries: options.at ? [options.at] : undefined,
    },
  );
}

export function panel(name: string): HTMLElement {
  return screen.getByRole('region', { name: `Argo CD application ${name}` });
}
