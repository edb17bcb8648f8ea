export {
  SyncStatusLabel,
  HealthStatusLabel,
  OperationPhaseLabel,
} from './StatusLabels';
export { EntityApplicationsState } from './EntityApplicationsState';
export { RelativeTime } from './RelativeTime';
export { RevisionLink } from './RevisionLink';
export { RevisionLinks } from './RevisionLinks';
export { SourceErrorList } from './SourceErrorList';
export {
  applicationKey,
  applicationRef,
  hasFailedSync,
  lastSyncedAt,
  pairRevisions,
  sortByEnvironment,
  syncedRevisions,
} from './applications';
export type { SourceRevision } from './applications';
export { useOptionalRouteRef } from './useOptionalRouteRef';
export { useEntityApplications } from './useEntityApplications';
export type { EntityApplications } from './useEntityApplications';
