export {
  SyncStatusLabel,
  HealthStatusLabel,
  OperationPhaseLabel,
} from './StatusLabels';
export { RelativeTime } from './RelativeTime';
export { RevisionLink } from './RevisionLink';
export { RevisionLinks } from './RevisionLinks';
export { SourceErrorList, describeSourceError } from './SourceErrorList';
export {
  applicationKey,
  applicationRef,
  environmentRank,
  hasFailedSync,
  lastSyncedAt,
  pairRevisions,
  sortByEnvironment,
  syncedRevisions,
} from './applications';
export type { SourceRevision } from './applications';
export { useOptionalRouteRef } from './useOptionalRouteRef';
export {
  usePolling,
  usePollIntervalMs,
  DEFAULT_POLL_INTERVAL_SECONDS,
} from './usePolling';
