/**
 * Backstage backend plugin for GitOps status (Argo CD, Flux), knowledge and
 * rollback guidance.
 *
 * @packageDocumentation
 */
export { gitopsPlugin as default } from './plugin';

export { applicationStatusServiceRef } from './services/applications/applicationStatusServiceRef';
export { createApplicationStatusService } from './services/applications/createApplicationStatusService';
export { DefaultApplicationStatusService } from './services/applications/DefaultApplicationStatusService';
export {
  APPLICATION_OBJECT_KINDS,
  type ActionRunOptions,
  type ApplicationActionOptions,
  type ApplicationChange,
  type ApplicationObjectKind,
  type ApplicationReadOptions,
  type ApplicationRef,
  type ApplicationStatusService,
  type ApplicationStatusSource,
  type FleetAnswer,
  type FleetCandidate,
  type SearchedPlace,
  type SourceAnswer,
  type SourceReadOptions,
  type WatchStatus,
} from './services/applications/types';
export {
  UpstreamError,
  type UpstreamErrorOptions,
} from './services/shared/UpstreamError';
export {
  callSignal,
  startDeadline,
  type Deadline,
} from './services/shared/Deadline';

export type {
  ArgoCdAuthConfig,
  ArgoCdConfig,
  ArgoCdInstanceConfig,
} from './config/readArgoCdConfig';
export type { ActionsConfig } from './config/readActionsConfig';
export type { WatchConfig } from './config/readWatchConfig';
export type {
  KubernetesAuthConfig,
  KubernetesClusterConfig,
  KubernetesConfig,
} from './config/readKubernetesConfig';

export {
  KnowledgeContentError,
  knowledgeServiceRef,
  type KnowledgeProblem,
  type KnowledgeService,
} from './services/knowledge';
export {
  gitopsKnowledgeSearchModule,
  KnowledgeCollatorFactory,
  KNOWLEDGE_DOCUMENT_TYPE,
  type KnowledgeSearchDocument,
} from './search';
