export { ApplicationGuidance } from './ApplicationGuidance';
export { ExplanationsPanel } from './ExplanationsPanel';
export { RollbackPanel } from './RollbackPanel';
export { useLearningEntryLink } from './useLearningEntryLink';
