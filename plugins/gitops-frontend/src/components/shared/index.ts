export {
  SyncStatusLabel,
  HealthStatusLabel,
  OperationPhaseLabel,
} from './StatusLabels';
export { ApplicationName } from './ApplicationName';
export { ApplicationStatusCells } from './ApplicationStatusCells';
export { EntityApplicationsState } from './EntityApplicationsState';
export { RelativeTime } from './RelativeTime';
export { RevisionLink } from './RevisionLink';
export { RevisionLinks } from './RevisionLinks';
export { SourceErrorList } from './SourceErrorList';
export {
  applicationKey,
  applicationParam,
  applicationRef,
  lastSyncedAt,
  pairRevisions,
  syncedRevisions,
} from './applications';
export type { SourceRevision } from './applications';
export { useOptionalRouteRef } from './useOptionalRouteRef';
export { useEntityApplications } from './useEntityApplications';
export type { EntityApplications } from './useEntityApplications';
export type { PollCadence } from './pollCadence';
