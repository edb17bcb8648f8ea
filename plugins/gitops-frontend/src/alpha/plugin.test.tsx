import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import { gitOpsApiRef, GitOpsClient } from '../api';
import { gitopsPlugin } from './plugin';
import {
  gitOpsApi,
  gitOpsEntityCard,
  gitOpsEntityContent,
  gitOpsFleetPage,
  gitOpsKnowledgeSearchResultListItem,
  gitOpsKnowledgeSearchResultType,
  gitOpsLearningPage,
} from './extensions';

const component = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
});
const withArgoCd = component({
  'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
});
const withFlux = component({ 'backstage.io/kubernetes-id': 'notifications' });
const without = component({});

describe('gitops plugin for the new frontend system', () => {
  it('has the id gitops and the documented extension ids', () => {
    expect(gitopsPlugin.id).toBe('gitops');
    for (const id of [
      'api:gitops',
      'entity-card:gitops',
      'entity-content:gitops',
      'page:gitops',
      'page:gitops/fleet',
      'search-result-list-item:gitops',
      'search-filter-result-type:gitops',
    ] as const) {
      expect(gitopsPlugin.getExtension(id)).toBeDefined();
    }
  });

  it('provides the GitOps API client', () => {
    const factory = createExtensionTester(gitOpsApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(gitOpsApiRef.id);
    const client = factory.factory({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/gitops' },
      fetchApi: { fetch: jest.fn() },
    });
    expect(client).toBeInstanceOf(GitOpsClient);
  });

  it('shows the card only on entities with Argo CD or Flux annotations', () => {
    const filter = createExtensionTester(gitOpsEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(filter).toBeDefined();
    expect(filter!(withArgoCd)).toBe(true);
    expect(filter!(withFlux)).toBe(true);
    expect(filter!(without)).toBe(false);
  });

  it('mounts the GitOps tab at gitops, only where it applies', () => {
    const tester = createExtensionTester(gitOpsEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('gitops');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('GitOps');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter!(withArgoCd)).toBe(true);
    expect(filter!(without)).toBe(false);
  });

  it('lets app-config move the tab and rename it', () => {
    const tester = createExtensionTester(gitOpsEntityContent, {
      config: { path: 'deployments', title: 'Deployments' },
    });
    expect(tester.get(coreExtensionData.routePath)).toBe('deployments');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Deployments',
    );
  });

  it('mounts the learning page at /gitops with a nav title', () => {
    const tester = createExtensionTester(gitOpsLearningPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/gitops');
    expect(tester.get(coreExtensionData.title)).toBe('Learn GitOps');
  });

  it('mounts the fleet view at /gitops-fleet with its own nav title', () => {
    const tester = createExtensionTester(gitOpsFleetPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/gitops-fleet');
    expect(tester.get(coreExtensionData.title)).toBe('GitOps fleet');
  });

  it('renders only gitops-knowledge search results', () => {
    const item = createExtensionTester(gitOpsKnowledgeSearchResultListItem).get(
      SearchResultListItemBlueprint.dataRefs.item,
    );
    const document = { title: 't', text: 'x', location: '/gitops' };
    expect(item.predicate!({ type: 'gitops-knowledge', document })).toBe(
      true,
    );
    expect(item.predicate!({ type: 'software-catalog', document })).toBe(
      false,
    );
  });

  it('adds GitOps knowledge to the search result type filter', () => {
    const type = createExtensionTester(gitOpsKnowledgeSearchResultType).get(
      SearchFilterResultTypeBlueprint.dataRefs.resultType,
    );
    expect(type).toMatchObject({
      value: 'gitops-knowledge',
      name: 'GitOps knowledge',
    });
  });
});
