import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ApplicationDetail,
  ApplicationDetailWithGuidance,
  ApplicationsResponse,
  GuidanceResponse,
  KnowledgeEntryResponse,
  KnowledgeQuery,
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

// Defined in the common package, which the backend shares; kept on this module's API.
export type { KnowledgeQuery } from '@gitops-guide/backstage-plugin-gitops-common';

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
  /** The detail and its guidance in one request: what the GitOps tab loads per application. */
  getApplicationWithGuidance(
    entity: CompoundEntityRef,
    app: ApplicationRef,
  ): Promise<ApplicationDetailWithGuidance>;
  searchKnowledge(query: KnowledgeQuery): Promise<KnowledgeSearchResponse>;
  getKnowledgeEntry(id: string): Promise<KnowledgeEntryResponse>;
  getKnowledgeTopics(): Promise<KnowledgeTopicsResponse>;
  getSkillCheck(): Promise<SkillCheck>;
}

/** @public */
export const gitOpsApiRef = createApiRef<GitOpsApi>({
  id: 'plugin.gitops.service',
});
