import type { LabelSelectorRequirement } from '@gitops-guide/backstage-plugin-gitops-common';
import { CONTROLLER_NAMESPACE } from '../instanceStore';
import { matchesLabelSelector, selectorParam } from '../labelSelector';
import type { AppRecord, ArgoApplication } from '../types';

/**
 * What a `GET /api/v1/stream/applications` asks for, read as Argo CD v2.13's `Server.Watch` and
 * `isApplicationPermitted` (server/application/application.go) read it.
 */
export interface WatchQuery {
  /** Only the app of this name in {@link WatchQuery.namespace}. */
  name?: string;
  /** `appNamespace`, default `argocd`; Argo CD compares it only together with `name`, so alone it filters nothing. */
  namespace: string;
  /** `projects`, else the legacy `project`; empty for every project. */
  projects: Set<string>;
  selector: LabelSelectorRequirement[];
  /** Events of apps whose `resourceVersion` is below this are skipped; 0 (any) when `resourceVersion` is no integer. */
  minVersion: number;
  /** Whether the stream begins with an ADDED event per matching app: without `resourceVersion`, or with `name`. */
  sendsExistingApps: boolean;
}

/** Go's `strconv.Atoi`: a decimal integer with an optional sign, or an error (here undefined). */
function atoi(text: string | undefined): number | undefined {
  if (text === undefined || !/^[+-]?\d+$/.test(text)) {
    return undefined;
  }
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Reads the query; throws Argo CD's error for a selector that does not parse, before anything is streamed. */
export function watchQuery(query: URLSearchParams): WatchQuery {
  const nonEmpty = (key: string) => query.getAll(key).filter(Boolean);
  const projects = nonEmpty('projects');
  const name = query.get('name') || undefined;
  const resourceVersion = query.get('resourceVersion') ?? '';
  return {
    name,
    namespace: query.get('appNamespace') || CONTROLLER_NAMESPACE,
    projects: new Set(projects.length > 0 ? projects : nonEmpty('project')),
    selector: selectorParam(query, 'error parsing labels with selectors'),
    minVersion: atoi(resourceVersion) ?? 0,
    sendsExistingApps: resourceVersion === '' || name !== undefined,
  };
}

/** Whether an event about `app` goes to the stream (Argo CD's isApplicationPermitted, RBAC aside). */
export function watchMatches(watch: WatchQuery, app: ArgoApplication): boolean {
  const { metadata, spec } = app;
  if (
    watch.projects.size > 0 &&
    !watch.projects.has(spec.project || 'default')
  ) {
    return false;
  }
  const version = atoi(metadata.resourceVersion);
  if (version !== undefined && version < watch.minVersion) {
    return false;
  }
  return (
    (watch.name === undefined ||
      (metadata.name === watch.name &&
        metadata.namespace === watch.namespace)) &&
    matchesLabelSelector(watch.selector, metadata.labels)
  );
}

const qualifiedName = (app: ArgoApplication) =>
  `${app.metadata.namespace}/${app.metadata.name}`;

/** The apps a stream begins with, in Argo CD's order: by `<namespace>/<name>` (not the list's order, by name). */
export function existingApps(
  watch: WatchQuery,
  apps: readonly AppRecord[],
): ArgoApplication[] {
  if (!watch.sendsExistingApps) {
    return [];
  }
  return apps
    .map(record => record.application)
    .filter(app => watchMatches(watch, app))
    .sort((a, b) => {
      const [x, y] = [qualifiedName(a), qualifiedName(b)];
      return Number(x > y) - Number(x < y);
    });
}
