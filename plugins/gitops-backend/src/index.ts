/**
 * Backstage backend plugin for GitOps status (Argo CD, Flux), knowledge and
 * rollback guidance.
 *
 * @packageDocumentation
 */
export { gitopsPlugin as default } from './plugin';
export * from './services/argocd';
export type {
  ArgoCdConfig,
  ArgoCdInstanceConfig,
  ArgoCdAuthConfig,
} from './config/readArgoCdConfig';
export * from './services/kubernetes';
export type {
  KubernetesAuthConfig,
  KubernetesClusterConfig,
  KubernetesConfig,
} from './config/readKubernetesConfig';
