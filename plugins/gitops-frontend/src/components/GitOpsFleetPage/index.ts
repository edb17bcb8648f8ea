export { GitOpsFleetPage } from './GitOpsFleetPage';
