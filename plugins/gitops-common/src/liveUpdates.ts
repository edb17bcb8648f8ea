import type { GitOpsTarget } from './annotations';
import { KUBERNETES_ID_ANNOTATION } from './annotations';
import {
  matchesLabelSelector,
  parseLabelSelector,
  type LabelSelectorRequirement,
} from './labelSelector';

/**
 * The Backstage signals channel the backend pushes application changes on.
 * Each push goes only to users who recently loaded that entity's GitOps
 * status, which they could read.
 * @public
 */
export const GITOPS_SIGNAL_CHANNEL = 'gitops:applications';

/**
 * One changed application in a {@link ApplicationsChangedSignal}. Type
 * aliases rather than interfaces, so that they are JSON objects to the
 * signals API.
 * @public
 */
export type ChangedApplication = {
  instance: string;
  name: string;
  namespace: string;
  /** The application's version after the change, so that a page can skip a change it has seen. */
  resourceVersion?: string;
};

/**
 * What is pushed on {@link GITOPS_SIGNAL_CHANNEL}: which entity's
 * applications changed. It carries no status: the page reads the new
 * status through the usual routes, with the viewer's own credentials.
 * @public
 */
export type ApplicationsChangedSignal = {
  /** The entity whose applications changed, e.g. `component:default/payments-api`. */
  entityRef: string;
  applications: ChangedApplication[];
};

/** What an Argo CD application is matched on by an entity's annotations. @public */
export interface ArgoCdApplicationFacts {
  instance: string;
  name: string;
  namespace: string;
  /** `spec.project`, `default` when empty. */
  project?: string;
  labels?: Readonly<Record<string, string>>;
}

const parsedSelectors = new Map<string, LabelSelectorRequirement[] | null>();
const MAX_PARSED_SELECTORS = 1_000;

function selectorOf(selector: string): LabelSelectorRequirement[] | null {
  let parsed = parsedSelectors.get(selector);
  if (parsed === undefined) {
    try {
      parsed = parseLabelSelector(selector);
    } catch {
      parsed = null;
    }
    if (parsedSelectors.size >= MAX_PARSED_SELECTORS) parsedSelectors.clear();
    parsedSelectors.set(selector, parsed);
  }
  return parsed;
}

/**
 * Whether an entity's GitOps annotations select an Argo CD application,
 * with the filters Argo CD's list applies for the backend: the instance
 * names of `argocd/instance-name` (any when absent), the label selector of
 * `argocd/app-selector` or else the names of `argocd/app-name` (a selector
 * wins, as in the Roadie and Red Hat plugins), the projects and the
 * namespace. A selector that does not parse selects nothing.
 * @public
 */
export function targetSelectsArgoCdApplication(
  target: GitOpsTarget,
  app: ArgoCdApplicationFacts,
): boolean {
  if (!target.appSelector && !target.appNames?.length) {
    return false;
  }
  if (target.instances && !target.instances.includes(app.instance)) {
    return false;
  }
  if (target.appSelector) {
    const requirements = selectorOf(target.appSelector);
    if (!requirements || !matchesLabelSelector(requirements, app.labels)) {
      return false;
    }
  } else if (!target.appNames?.includes(app.name)) {
    return false;
  }
  if (
    target.projects?.length &&
    !target.projects.includes(app.project ?? 'default')
  ) {
    return false;
  }
  return !target.appNamespace || target.appNamespace === app.namespace;
}

/** What a Flux object is matched on by an entity's annotations. @public */
export interface FluxObjectFacts {
  labels?: Readonly<Record<string, string>>;
}

/**
 * Whether an entity's annotations select a Flux object, as the cluster
 * lists do: its `backstage.io/kubernetes-label-selector`, else
 * `backstage.io/kubernetes-id=<id>`, on every cluster. A selector that does
 * not parse selects nothing.
 * @public
 */
export function targetSelectsFluxObject(
  target: GitOpsTarget,
  object: FluxObjectFacts,
): boolean {
  const selector =
    target.kubernetesLabelSelector ??
    (target.kubernetesId
      ? `${KUBERNETES_ID_ANNOTATION}=${target.kubernetesId}`
      : undefined);
  if (!selector) {
    return false;
  }
  const requirements = selectorOf(selector);
  return !!requirements && matchesLabelSelector(requirements, object.labels);
}
