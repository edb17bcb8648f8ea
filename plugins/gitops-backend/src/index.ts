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
export {
  gitopsKnowledgeSearchModule,
  KnowledgeCollatorFactory,
  KNOWLEDGE_DOCUMENT_TYPE,
} from './search';
export type { KnowledgeSearchDocument } from './search';
export * from './services/knowledge';
