import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
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
  KnowledgeSearchResponse,
  KnowledgeTopicsResponse,
  SkillCheck,
} from '@gitops-guide/backstage-plugin-gitops-common';
import {
  ApplicationRef,
  ApplicationRequestOptions,
  GitOpsApi,
  KnowledgeQuery,
} from './GitOpsApi';

/** The default {@link GitOpsApi}: discovery for the base URL, fetchApi for credentials. @public */
export class GitOpsClient implements GitOpsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getApplications(
    entity: CompoundEntityRef,
    options: ApplicationRequestOptions = {},
  ): Promise<ApplicationsResponse> {
    const query = options.refresh ? '?refresh=true' : '';
    return this.get(`${entityPath(entity)}/applications${query}`);
  }

  async getFleet(
    options: ApplicationRequestOptions = {},
  ): Promise<FleetResponse> {
    return this.get(`/fleet${options.refresh ? '?refresh=true' : ''}`);
  }

  async getApplication(
    entity: CompoundEntityRef,
    app: ApplicationRef,
  ): Promise<ApplicationDetail> {
    return this.get(applicationPath(entity, app));
  }

  async getGuidance(
    entity: CompoundEntityRef,
    app: ApplicationRef,
  ): Promise<GuidanceResponse> {
    return this.get(applicationPath(entity, app, '/guidance'));
  }

  async getApplicationWithGuidance(
    entity: CompoundEntityRef,
    app: ApplicationRef,
    options: ApplicationRequestOptions = {},
  ): Promise<ApplicationDetailWithGuidance> {
    return this.get(
      applicationPath(entity, app, '', {
        include: 'guidance',
        ...refreshQuery(options),
      }),
    );
  }

  async searchKnowledge(
    query: KnowledgeQuery,
  ): Promise<KnowledgeSearchResponse> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value) params.set(key, value);
    }
    const qs = params.toString();
    return this.get(`/knowledge${qs ? `?${qs}` : ''}`);
  }

  async getKnowledgeEntry(id: string): Promise<KnowledgeEntryResponse> {
    return this.get(`/knowledge/${encodeURIComponent(id)}`);
  }

  async getKnowledgeTopics(): Promise<KnowledgeTopicsResponse> {
    return this.get('/knowledge/topics');
  }

  async getSkillCheck(): Promise<SkillCheck> {
    return this.get('/knowledge/skill-check');
  }

  async getKnowledgeProblems(): Promise<KnowledgeProblemsResponse> {
    return this.get('/knowledge/problems');
  }

  async runAction(
    entity: CompoundEntityRef,
    app: ApplicationRef,
    request: GitOpsActionRequest,
  ): Promise<GitOpsActionResponse> {
    // The action names the route; the rest of the request is its body.
    const { action, ...params } = request;
    return this.fetchJson(
      applicationPath(entity, app, `/${encodeURIComponent(action)}`),
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(params),
      },
    );
  }

  private async get<T>(path: string): Promise<T> {
    return this.fetchJson(path);
  }

  private async fetchJson<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('gitops');
    const res = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }
}

function entityPath(entity: CompoundEntityRef): string {
  return `/entities/${[entity.kind, entity.namespace, entity.name]
    .map(s => encodeURIComponent(s.toLocaleLowerCase('en-US')))
    .join('/')}`;
}

/** `refresh=true` only when asked: a plain request stays cacheable and unchanged. */
function refreshQuery(
  options: ApplicationRequestOptions,
): Record<string, string> {
  return options.refresh ? { refresh: 'true' } : {};
}

function applicationPath(
  entity: CompoundEntityRef,
  app: ApplicationRef,
  suffix = '',
  extraQuery: Record<string, string> = {},
): string {
  const params = new URLSearchParams();
  if (app.appNamespace) params.set('appNamespace', app.appNamespace);
  if (app.kind) params.set('kind', app.kind);
  for (const [key, value] of Object.entries(extraQuery)) params.set(key, value);
  const qs = params.toString();
  const query = qs ? `?${qs}` : '';
  return `${entityPath(entity)}/applications/${encodeURIComponent(
    app.instance,
  )}/${encodeURIComponent(app.name)}${suffix}${query}`;
}
