import type {
  ApplicationDetail,
  ApplicationSummary,
  GitOpsTarget,
} from '@gitops-guide/backstage-plugin-gitops-common';

/** True when the target selects Argo CD Applications (by selector or by name). */
export function selectsArgoCd(target: GitOpsTarget): boolean {
  return Boolean(target.appSelector || target.appNames?.length);
}

/** The names of `argocd/app-name` to look for; undefined when a selector wins over them. */
export function namedApplications(target: GitOpsTarget): string[] | undefined {
  return target.appSelector ? undefined : target.appNames;
}

/** The summary part of a detail (a list answer is normalized as details once). */
export function toSummary(detail: ApplicationDetail): ApplicationSummary {
  const {
    history: _history,
    resources: _resources,
    resourceCounts: _counts,
    historyLimit: _limit,
    errors: _errors,
    ...summary
  } = detail;
  return summary;
}

/** Name, then namespace, kind and instance: the order lists are shown in. */
export function byName(a: ApplicationSummary, b: ApplicationSummary): number {
  return (
    a.name.localeCompare(b.name) ||
    a.namespace.localeCompare(b.namespace) ||
    a.kind.localeCompare(b.kind) ||
    a.instance.localeCompare(b.instance)
  );
}
