import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ApplicationDetail,
  ApplicationDetailWithGuidance,
  ApplicationsResponse,
  FleetResponse,
  GitOpsActionRequest,
  GitOpsActionResponse,
  GuidanceResponse,
  KnowledgeEntryResponse,
  KnowledgeProblemsResponse,
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

/** How an application request is answered. @public */
export interface ApplicationRequestOptions {
  /**
   * Ask the backend to read from Argo CD or the clusters instead of its
   * cache (`refresh=true`), and to cache that answer for other viewers. The
   * backend reads upstream at most once per entity (and application, for a
   * detail) per `gitops.refresh.minIntervalSeconds`; a refresh inside that
   * interval is answered from the cache, without an error.
   */
  refresh?: boolean;
}

// Defined in the common package, which the backend shares; kept on this module's API.
export type { KnowledgeQuery } from '@gitops-guide/backstage-plugin-gitops-common';

/** Client for the GitOps backend (`/api/gitops`). @public */
export interface GitOpsApi {
  /** The entity's applications, and the errors of the sources that failed. */
  getApplications(
    entity: CompoundEntityRef,
    options?: ApplicationRequestOptions,
  ): Promise<ApplicationsResponse>;
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
    options?: ApplicationRequestOptions,
  ): Promise<ApplicationDetailWithGuidance>;
  searchKnowledge(query: KnowledgeQuery): Promise<KnowledgeSearchResponse>;
  getKnowledgeEntry(id: string): Promise<KnowledgeEntryResponse>;
  getKnowledgeTopics(): Promise<KnowledgeTopicsResponse>;
  /**
   * The fleet view: every application across instances and clusters that
   * the caller may see, with the entities that claim it; the applications
   * no entity claims only for holders of `gitops.fleet.read`.
   */
  getFleet(options?: ApplicationRequestOptions): Promise<FleetResponse>;
  getSkillCheck(): Promise<SkillCheck>;
  /**
   * What the backend skipped or ignored in the organization's knowledge
   * content at startup. Needs the `gitops.knowledge.problems.read`
   * permission; rejects with a 403 `ResponseError` without it.
   */
  getKnowledgeProblems(): Promise<KnowledgeProblemsResponse>;
  /**
   * Runs an action on one application of the entity:
   * `POST …/applications/:instance/:application/:action`, with the request's
   * parameters (everything but `action`) as the JSON body.
   *
   * Resolves with what the upstream answered, including what to follow
   * until the action ends. Rejects with a `ResponseError` whose `cause`
   * carries the backend's message: 404 when the backend accepts no actions
   * for the application, 403 when the caller's permission
   * (`gitopsActionPermissions[action]`, on the entity) is denied, 409 when
   * the application's state forbids the action (see `actionRefusal`), and
   * 502 or 504 when Argo CD or the cluster refused or failed.
   *
   * With `dryRun` (sync and rollback), Argo CD reports what it would do and
   * changes nothing.
   */
  runAction(
    entity: CompoundEntityRef,
    app: ApplicationRef,
    request: GitOpsActionRequest,
  ): Promise<GitOpsActionResponse>;
}

/** @public */
export const gitOpsApiRef = createApiRef<GitOpsApi>({
  id: 'plugin.gitops.service',
});
