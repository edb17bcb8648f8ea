import type { ApiContext } from './apiContext';
import { appNotFound, permissionDenied } from './errors';
import { CONTROLLER_NAMESPACE } from './instanceStore';
import type { AppRecord } from './types';

/** Which app a request names: `appNamespace` (default `argocd`) and, optionally, the `project` it expects. */
export interface AppRef {
  appNamespace?: string;
  project?: string;
}

/**
 * Argo CD's getAppEnforceRBAC: without a `project` a missing app is "permission denied" (403) so callers cannot
 * probe names; with one it is 404, and so is an app that exists in another project.
 */
export function lookupApp(
  ctx: Pick<ApiContext, 'instance' | 'missingAppWithoutProject'>,
  name: string,
  ref: AppRef,
): AppRecord {
  const namespace = ref.appNamespace || CONTROLLER_NAMESPACE;
  const project = ref.project || '';
  const record = ctx.instance.find(namespace, name);
  if (!record) {
    if (project || ctx.missingAppWithoutProject === 'not-found') {
      throw appNotFound(name);
    }
    throw permissionDenied();
  }
  const effectiveProject = record.application.spec.project || 'default';
  if (project && project !== effectiveProject) {
    throw appNotFound(name);
  }
  return record;
}
