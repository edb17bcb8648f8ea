import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createRouter } from './router';
import { argoCdStatusServiceRef } from './services/argocd/argoCdStatusServiceRef';
import { EntityLoader } from './services/entities/EntityLoader';
import { knowledgeServiceRef } from './services/knowledge';
import { kubernetesStatusServiceRef } from './services/kubernetes';

/**
 * The GitOps backend plugin: Argo CD and Flux status, the GitOps knowledge
 * base, explanations and rollback guidance, under `/api/gitops`.
 *
 * @public
 */
export const gitopsPlugin = createBackendPlugin({
  pluginId: 'gitops',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
        argoCd: argoCdStatusServiceRef,
        kubernetes: kubernetesStatusServiceRef,
        knowledge: knowledgeServiceRef,
      },
      async init({
        logger,
        httpAuth,
        httpRouter,
        catalog,
        argoCd,
        kubernetes,
        knowledge,
      }) {
        httpRouter.use(
          await createRouter({
            logger,
            httpAuth,
            entities: EntityLoader.create({ catalog }),
            argoCd,
            kubernetes,
            knowledge,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
