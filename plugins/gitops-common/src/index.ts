/**
 * Shared model and pure logic of the GitOps plugins: annotations and
 * validation, Argo CD and Flux status normalization, signals, explanations and the
 * rollback planner. Isomorphic: no Node-only imports.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './annotations';
export * from './permissions';
export * from './actions';
export * from './validation';
export * from './labelSelector';
export * from './liveUpdates';
export * from './status';
export * from './links';
export {
  stripUrlCredentials,
  stripUrlCredentialsInText,
} from './urlCredentials';
export { ENVIRONMENT_LABELS } from './environment';
export * from './argocd';
export * from './flux';
export * from './signals';
export * from './explain';
export * from './rollback';
export * from './search';
export * from './guidance';
export * from './attention';
export * from './fleet';
