import type { GitOpsTarget } from '../annotations';
import {
  targetSelectsArgoCdApplication,
  targetSelectsFluxObject,
} from '../liveUpdates';
import type { ApplicationSummary } from '../types';

/**
 * Whether an entity's GitOps annotations claim an application, with the
 * rules its card's lists use: Argo CD Applications (from an API server or
 * a cluster) by `argocd/*`, Flux objects by the Kubernetes annotations.
 * @public
 */
export function targetClaims(
  target: GitOpsTarget,
  app: ApplicationSummary,
  labels: Readonly<Record<string, string>>,
): boolean {
  return app.sourceKind === 'flux'
    ? targetSelectsFluxObject(target, { labels })
    : targetSelectsArgoCdApplication(target, { ...app, labels });
}
