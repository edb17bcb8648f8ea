export { ApplicationGuidance } from './ApplicationGuidance';
export type { ApplicationActionsContext } from './ApplicationGuidance';
export { ExplanationsPanel } from './ExplanationsPanel';
export { RollbackPanel } from './RollbackPanel';
export { useLearningEntryLink } from './useLearningEntryLink';
export { useFollowOperation } from './actions';
export type { OperationFollow } from './actions';
