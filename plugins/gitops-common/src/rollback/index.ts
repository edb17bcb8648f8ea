export { assessRollback, type RollbackAssessment } from './assessRollback';
export { planRollback } from './planRollback';
