import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ApplicationDetail,
  ApplicationsResponse,
  GuidanceResponse,
  KnowledgeEntryResponse,
  KnowledgeKind,
  KnowledgeLevel,
  KnowledgeSearchResponse,
  KnowledgeTopicsResponse,
  SkillCheck,
} from '@gitops-guide/backstage-plugin-gitops-common';

/** Identifies one application of an entity. @public */
export interface ApplicationRef {
  instance: string;
  name: string;
  appNamespace?: string;
  /** `Kustomization` or `HelmRelease` for Flux objects; absent for Argo CD. */
  kind?: string;
}

/** Knowledge search filters. @public */
export interface KnowledgeQuery {
  q?: string;
  topic?: string;
  level?: KnowledgeLevel;
  kind?: KnowledgeKind;
}

/** Client for the GitOps backend (`/api/gitops`). @public */
export interface GitOpsApi {
  getApplications(entity: CompoundEntityRef): Promise<ApplicationsResponse>;
  getApplication(
    entity: CompoundEntityRef,
    app: ApplicationRef,
  ): Promise<ApplicationDetail>;
  getGuidance(
    entity: CompoundEntityRef,
    app: ApplicationRef,
  ): Promise<GuidanceResponse>;
  searchKnowledge(query: KnowledgeQuery): Promise<KnowledgeSearchResponse>;
  getKnowledgeEntry(id: string): Promise<KnowledgeEntryResponse>;
  getKnowledgeTopics(): Promise<KnowledgeTopicsResponse>;
  getSkillCheck(): Promise<SkillCheck>;
}

/** @public */
export const gitOpsApiRef = createApiRef<GitOpsApi>({
  id: 'plugin.gitops.service',
});
