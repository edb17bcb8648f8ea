export * from './types';
export {
  normalizeApplication,
  normalizeApplicationDetail,
  DEFAULT_REVISION_HISTORY_LIMIT,
  type NormalizeContext,
  type NormalizeDetailContext,
} from './normalize';
export {
  revisionMetadataRequests,
  type RevisionMetadataLookup,
  type RevisionMetadataRequest,
} from './normalizeHistory';
