import { sourcesOf } from '../revisions';
import type { ArgoApplication, ArgoSource, ArgoSyncOperation } from '../types';
import type { AppSimulation } from './simulation';

/** Git's full commit SHA, which Argo CD takes as is instead of asking the repo server (git.IsCommitSHA). */
export function isFullCommitSha(revision: string): boolean {
  return /^[0-9a-f]{40}$/i.test(revision);
}

/**
 * What the app's target resolves to now, one revision per source: the same list as `status.sync.revision(s)`,
 * which Argo CD fills with the resolved target, not with what was last deployed. A pinned commit or a chart
 * version is its own head; a branch or tag resolves to the scenario's `headRevision`, else to what the app
 * already compares against.
 */
export function headRevisions(
  app: ArgoApplication,
  simulation: AppSimulation | undefined,
): string[] {
  const sync = app.status?.sync;
  if (app.spec.sources?.length) {
    return sync?.revisions ?? [];
  }
  const target = app.spec.source?.targetRevision || 'HEAD';
  if (app.spec.source?.chart || isFullCommitSha(target)) {
    return [target];
  }
  return [simulation?.headRevision ?? sync?.revision ?? target];
}

/** What a sync operation deploys: its revision(s) and source(s), else the app's target and sources. */
export interface Deployment {
  multiSource: boolean;
  revisions: string[];
  sources: ArgoSource[];
}

export function deploymentOf(
  app: ArgoApplication,
  sync: ArgoSyncOperation,
  simulation: AppSimulation | undefined,
): Deployment {
  const multiSource = Boolean(app.spec.sources?.length);
  const requested = multiSource
    ? sync.revisions
    : [sync.revision ?? ''].filter(Boolean);
  const sources = sourcesOf(sync);
  return {
    multiSource,
    revisions: requested?.length ? requested : headRevisions(app, simulation),
    sources: sources.length > 0 ? sources : sourcesOf(app.spec),
  };
}

export const sameRevisions = (a: string[], b: string[]) =>
  a.length === b.length && a.every((revision, i) => revision === b[i]);
