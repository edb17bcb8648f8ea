import {
  ApplicationSource,
  ApplicationSummary,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { ApplicationRef } from '../../api';

/** Flux kinds share names (a Kustomization and a HelmRelease `podinfo`); Argo CD Applications do not. */
function distinctKind(
  app: Partial<Pick<ApplicationSummary, 'kind'>>,
): string | undefined {
  return app.kind && app.kind !== 'Application' ? app.kind : undefined;
}

/** A key unique across instances, namespaces and kinds; an application without a kind is Argo CD's. */
export function applicationKey(
  app: Pick<ApplicationSummary, 'instance' | 'namespace' | 'name'> &
    Partial<Pick<ApplicationSummary, 'kind'>>,
): string {
  const kind = distinctKind(app);
  return `${app.instance}/${app.namespace}/${kind ? `${kind}/` : ''}${
    app.name
  }`;
}

/** What the API needs to address one application. */
export function applicationRef(
  app: Pick<ApplicationSummary, 'instance' | 'name' | 'namespace' | 'kind'>,
): ApplicationRef {
  return {
    instance: app.instance,
    name: app.name,
    appNamespace: app.namespace || undefined,
    kind: distinctKind(app),
  };
}

/** When the application last synced: the end of the last operation, else the last reconciliation. */
export function lastSyncedAt(app: ApplicationSummary): string | undefined {
  return app.operation?.finishedAt ?? app.reconciledAt;
}

/** A revision paired with the source it belongs to, for linking. */
export interface SourceRevision {
  revision: string;
  source?: ApplicationSource;
}

/**
 * The revisions an application is synced to, each with its source: one for
 * a single-source application, one per source (same order) for multi-source.
 */
export function syncedRevisions(
  app: Pick<ApplicationSummary, 'sync' | 'source' | 'sources'>,
): SourceRevision[] {
  return pairRevisions(
    app.sync.revision,
    app.sync.revisions,
    app.source,
    app.sources,
  );
}

/** Pairs revisions with sources; multi-source revisions follow the order of `sources`. */
export function pairRevisions(
  revision: string | undefined,
  revisions: string[] | undefined,
  source: ApplicationSource | undefined,
  sources: ApplicationSource[] | undefined,
): SourceRevision[] {
  if (revisions?.length) {
    return revisions.map((rev, i) => ({
      revision: rev,
      source: sources?.[i] ?? source,
    }));
  }
  if (revision) {
    return [{ revision, source: source ?? sources?.[0] }];
  }
  return [];
}

/** The `?app=` value that deep-links to an application's panel on the tab: `<instance>/<name>`. */
export function applicationParam(
  app: Pick<ApplicationSummary, 'instance' | 'name'>,
): string {
  return `${app.instance}/${app.name}`;
}
