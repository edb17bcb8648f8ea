import {
  asInteger,
  asRecord,
  asRecordArray,
  asString,
  truncate,
} from '../internal/json';
import type { ApplicationSource, HistoryEntry } from '../types';

/** Helm release states that were once in effect; `failed` and `pending-*` never were. */
const SUCCESSFUL_HELM_STATUSES = ['deployed', 'superseded'];
/** The `lastReconciledStatus` of a Kustomization snapshot that applied cleanly. */
const SUCCESSFUL_KUSTOMIZATION_STATUS = 'ReconciliationSucceeded';

/** `sha256:0123456…`, short enough for a history line. */
function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.includes(':')
    ? digest.split(':', 2)
    : ['', digest];
  return `${algorithm ? `${algorithm}:` : ''}${truncate(hex, 13)}`;
}

/**
 * A HelmRelease's `status.history` (newest first, as helm-controller keeps
 * it) as deploy history: one entry per Helm release that was in effect,
 * with the Helm release revision as `id`, the chart version as `revision`
 * and the release status, app version and digests in `message`. Failed
 * releases are left out, like Argo CD keeps only successful syncs: the
 * failing release shows as the operation instead.
 */
export function toHelmReleaseHistory(
  rawStatus: unknown,
  source: ApplicationSource | undefined,
): HistoryEntry[] {
  return asRecordArray(asRecord(rawStatus)?.history)
    .filter(snapshot =>
      SUCCESSFUL_HELM_STATUSES.includes(asString(snapshot.status) ?? ''),
    )
    .sort((a, b) => (asInteger(b.version) ?? 0) - (asInteger(a.version) ?? 0))
    .map(snapshot => {
      const version = asInteger(snapshot.version) ?? 0;
      const chartName = asString(snapshot.chartName);
      const chartVersion = asString(snapshot.chartVersion) ?? '';
      const appVersion = asString(snapshot.appVersion);
      const digest = asString(snapshot.digest);
      const configDigest = asString(snapshot.configDigest);
      const ociDigest = asString(snapshot.ociDigest);
      const details = [
        chartName ? `chart ${chartName} ${chartVersion}`.trim() : undefined,
        appVersion ? `app ${appVersion}` : undefined,
        configDigest ? `values ${shortDigest(configDigest)}` : undefined,
        digest ? `release ${shortDigest(digest)}` : undefined,
        ociDigest ? `artifact ${shortDigest(ociDigest)}` : undefined,
      ].filter(Boolean);
      const entry: HistoryEntry = {
        id: version,
        revision: chartVersion,
        deployedAt:
          asString(snapshot.lastDeployed) ??
          asString(snapshot.firstDeployed) ??
          '',
        message: `Helm release ${version} ${asString(snapshot.status)}${
          details.length ? ` (${details.join(', ')})` : ''
        }`,
      };
      const firstDeployed = asString(snapshot.firstDeployed);
      if (firstDeployed) entry.deployStartedAt = firstDeployed;
      if (chartName || source) {
        const historySource: ApplicationSource = {
          repoURL: source?.repoURL ?? '',
          targetRevision: chartVersion,
        };
        const chart = chartName ?? source?.chart;
        if (chart) historySource.chart = chart;
        if (source?.name) historySource.name = source.name;
        entry.source = historySource;
      }
      return entry;
    });
}

/**
 * A Kustomization's deploy history: the snapshots of `status.history`
 * (recent kustomize-controller releases) that reconciled successfully, newest first,
 * with the source revision from the snapshot's metadata (the digest of the
 * applied resources when it has none). Without a usable history,
 * `status.lastAppliedRevision` is the one known deploy (its time unknown).
 */
export function toKustomizationHistory(
  rawStatus: unknown,
  source: ApplicationSource | undefined,
): HistoryEntry[] {
  const status = asRecord(rawStatus);
  const snapshots = asRecordArray(status?.history)
    .filter(
      snapshot =>
        asString(snapshot.lastReconciledStatus) ===
        SUCCESSFUL_KUSTOMIZATION_STATUS,
    )
    .sort((a, b) =>
      (asString(b.lastReconciled) ?? '').localeCompare(
        asString(a.lastReconciled) ?? '',
      ),
    );
  const withSource = (entry: HistoryEntry): HistoryEntry =>
    source ? { ...entry, source } : entry;

  if (snapshots.length > 0) {
    return snapshots.map((snapshot, index) => {
      const digest = asString(snapshot.digest);
      const revision =
        asString(asRecord(snapshot.metadata)?.revision) ?? digest ?? '';
      const reconciliations = asInteger(snapshot.totalReconciliations);
      const entry: HistoryEntry = {
        // Kustomizations have no history ids: count up from the oldest kept.
        id: snapshots.length - 1 - index,
        revision,
        deployedAt: asString(snapshot.lastReconciled) ?? '',
      };
      const firstReconciled = asString(snapshot.firstReconciled);
      if (firstReconciled) entry.deployStartedAt = firstReconciled;
      const details = [
        reconciliations !== undefined
          ? `${reconciliations} reconciliation${
              reconciliations === 1 ? '' : 's'
            }`
          : undefined,
        digest ? `resources ${shortDigest(digest)}` : undefined,
      ].filter(Boolean);
      if (details.length) entry.message = `Applied (${details.join(', ')})`;
      return withSource(entry);
    });
  }
  const applied = asString(status?.lastAppliedRevision);
  return applied
    ? [withSource({ id: 0, revision: applied, deployedAt: '' })]
    : [];
}
