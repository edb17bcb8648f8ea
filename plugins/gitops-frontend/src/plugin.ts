import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import { KNOWLEDGE_DOCUMENT_TYPE } from '@gitops-guide/backstage-plugin-gitops-common';
import { gitOpsApiFactory } from './api/gitOpsApiFactory';
import { entityContentRouteRef, fleetRouteRef, rootRouteRef } from './routes';

/** The GitOps frontend plugin. @public */
export const gitopsPlugin = createPlugin({
  id: 'gitops',
  apis: [gitOpsApiFactory],
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
    fleet: fleetRouteRef,
  },
});

/** Overview card: sync and health per application. @public */
export const EntityGitOpsCard = gitopsPlugin.provide(
  createComponentExtension({
    name: 'EntityGitOpsCard',
    component: {
      lazy: () =>
        import('./components/EntityGitOpsCard').then(m => m.EntityGitOpsCard),
    },
  }),
);

/** Entity tab: history, resources, explanations and rollback guidance. @public */
export const EntityGitOpsContent = gitopsPlugin.provide(
  createRoutableExtension({
    name: 'EntityGitOpsContent',
    component: () =>
      import('./components/EntityGitOpsContent').then(
        m => m.EntityGitOpsContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/** The learning page for onboarding (search, topics, levels, quizzes). @public */
export const GitOpsLearningPage = gitopsPlugin.provide(
  createRoutableExtension({
    name: 'GitOpsLearningPage',
    component: () =>
      import('./components/GitOpsLearningPage').then(m => m.GitOpsLearningPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The fleet view for platform teams: every application across instances
 * and clusters, with the entity and owner that claim it, counts, filters
 * and grouping; unclaimed applications for holders of `gitops.fleet.read`.
 * @public
 */
export const GitOpsFleetPage = gitopsPlugin.provide(
  createRoutableExtension({
    name: 'GitOpsFleetPage',
    component: () =>
      import('./components/GitOpsFleetPage').then(m => m.GitOpsFleetPage),
    mountPoint: fleetRouteRef,
  }),
);

/**
 * Knowledge entries in the search page's results (`<SearchResult>` child):
 * title, kind, level and summary. @public
 */
export const GitOpsKnowledgeSearchResultListItem = gitopsPlugin.provide(
  createSearchResultListItemExtension({
    name: 'GitOpsKnowledgeSearchResultListItem',
    component: () =>
      import('./components/GitOpsKnowledgeSearchResultListItem').then(
        m => m.GitOpsKnowledgeSearchResultListItem,
      ),
    predicate: result => result.type === KNOWLEDGE_DOCUMENT_TYPE,
  }),
);
