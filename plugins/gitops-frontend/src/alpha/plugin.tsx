import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import SchoolIcon from '@material-ui/icons/School';
import { entityContentRouteRef, fleetRouteRef, rootRouteRef } from '../routes';
import {
  gitOpsApi,
  gitOpsEntityCard,
  gitOpsEntityContent,
  gitOpsKnowledgeSearchResultListItem,
  gitOpsKnowledgeSearchResultType,
  gitOpsFleetPage,
  gitOpsLearningPage,
} from './extensions';

/**
 * The GitOps plugin for the new frontend system. Apps with
 * `app.packages: all` discover it; each extension can be turned off or
 * configured under `app.extensions`.
 *
 * @alpha
 */
export const gitopsPlugin = createFrontendPlugin({
  pluginId: 'gitops',
  title: 'GitOps',
  icon: <SchoolIcon fontSize="inherit" />,
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
    fleet: fleetRouteRef,
  }),
  extensions: [
    gitOpsApi,
    gitOpsEntityCard,
    gitOpsEntityContent,
    gitOpsLearningPage,
    gitOpsFleetPage,
    gitOpsKnowledgeSearchResultListItem,
    gitOpsKnowledgeSearchResultType,
  ],
});
