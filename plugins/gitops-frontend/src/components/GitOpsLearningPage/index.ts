export { GitOpsLearningPage } from './GitOpsLearningPage';
