import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { gitOpsApiRef } from './GitOpsApi';
import { GitOpsClient } from './GitOpsClient';

/** Builds the GitOps client; shared by the legacy plugin and `api:gitops`. */
export const gitOpsApiFactory = createApiFactory({
  api: gitOpsApiRef,
  deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
  factory: ({ discoveryApi, fetchApi }) =>
    new GitOpsClient({ discoveryApi, fetchApi }),
});
