export * from './types';
export {
  normalizeApplication,
  normalizeApplicationDetail,
  DEFAULT_REVISION_HISTORY_LIMIT,
  ENVIRONMENT_LABELS,
  type NormalizeContext,
  type NormalizeDetailContext,
} from './normalize';
export {
  revisionMetadataRequests,
  type RevisionMetadataLookup,
  type RevisionMetadataRequest,
} from './normalizeHistory';
