import { ApiBlueprint, PageBlueprint } from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import { KNOWLEDGE_DOCUMENT_TYPE } from '@gitops-guide/backstage-plugin-gitops-common';
import SchoolIcon from '@material-ui/icons/School';
import StorageIcon from '@material-ui/icons/Storage';
import { gitOpsApiFactory } from '../api/gitOpsApiFactory';
import { isGitOpsAvailable } from '../isGitOpsAvailable';
import { entityContentRouteRef, fleetRouteRef, rootRouteRef } from '../routes';

/** `api:gitops`: the client of the backend's `/api/gitops`. @alpha */
export const gitOpsApi = ApiBlueprint.make({
  params: defineParams => defineParams(gitOpsApiFactory),
});

/** `entity-card:gitops`: sync and health per application, on the overview. @alpha */
export const gitOpsEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isGitOpsAvailable,
    loader: () =>
      import('../components/EntityGitOpsCard').then(m => (
        <m.EntityGitOpsCard />
      )),
  },
});

/** `entity-content:gitops`: the GitOps tab at `…/gitops`. @alpha */
export const gitOpsEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'gitops',
    title: 'GitOps',
    routeRef: convertLegacyRouteRef(entityContentRouteRef),
    filter: isGitOpsAvailable,
    loader: () =>
      import('../components/EntityGitOpsContent').then(m => (
        <m.EntityGitOpsContent />
      )),
  },
});

/** `page:gitops`: the learning page at `/gitops`, with its nav item. @alpha */
export const gitOpsLearningPage = PageBlueprint.make({
  params: {
    path: '/gitops',
    title: 'Learn GitOps',
    icon: <SchoolIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    // The page draws its own header.
    noHeader: true,
    loader: () =>
      import('../components/GitOpsLearningPage').then(m => (
        <m.GitOpsLearningPage />
      )),
  },
});

/** `page:gitops/fleet`: the fleet view at `/gitops-fleet`, with its nav item. @alpha */
export const gitOpsFleetPage = PageBlueprint.make({
  name: 'fleet',
  params: {
    path: '/gitops-fleet',
    title: 'GitOps fleet',
    icon: <StorageIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(fleetRouteRef),
    // The page draws its own header.
    noHeader: true,
    loader: () =>
      import('../components/GitOpsFleetPage').then(m => <m.GitOpsFleetPage />),
  },
});

/** `search-result-list-item:gitops`: knowledge entries in the portal's search. @alpha */
export const gitOpsKnowledgeSearchResultListItem =
  SearchResultListItemBlueprint.make({
    params: {
      icon: <SchoolIcon />,
      predicate: result => result.type === KNOWLEDGE_DOCUMENT_TYPE,
      component: () =>
        import('../components/GitOpsKnowledgeSearchResultListItem').then(
          m => m.GitOpsKnowledgeSearchResultListItem,
        ),
    },
  });

/** `search-filter-result-type:gitops`: a "GitOps knowledge" result type filter. @alpha */
export const gitOpsKnowledgeSearchResultType =
  SearchFilterResultTypeBlueprint.make({
    params: {
      value: KNOWLEDGE_DOCUMENT_TYPE,
      name: 'GitOps knowledge',
      icon: <SchoolIcon />,
    },
  });
