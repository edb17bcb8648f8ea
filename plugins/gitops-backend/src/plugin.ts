import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { gitopsPermissions } from '@gitops-guide/backstage-plugin-gitops-common';
import { readActionsConfig } from './config/readActionsConfig';
import { readCatalogConfig } from './config/readCatalogConfig';
import { createRouter } from './router';
import { applicationStatusServiceRef } from './services/applications/applicationStatusServiceRef';
import { FleetReader } from './services/fleet/FleetReader';
import { EntityLoader } from './services/entities/EntityLoader';
import { ApplicationChangePublisher } from './services/push/ApplicationChangePublisher';
import { knowledgeServiceRef } from './services/knowledge';

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
        config: coreServices.rootConfig,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        applications: applicationStatusServiceRef,
        knowledge: knowledgeServiceRef,
        signals: signalsServiceRef,
        cache: coreServices.cache,
      },
      async init({
        logger,
        config,
        auditor,
        auth,
        httpAuth,
        httpRouter,
        lifecycle,
        permissions,
        permissionsRegistry,
        catalog,
        applications,
        knowledge,
        signals,
        cache,
      }) {
        permissionsRegistry.addPermissions(gitopsPermissions);
        const actionsEnabled = readActionsConfig(config).enabled;
        if (actionsEnabled) {
          logger.info(
            'GitOps actions are on (gitops.actions.enabled): refresh, sync, rollback, reconcile, suspend and resume, each checked against its permission on the entity',
          );
        }
        // Watched instances push their changes to the pages showing them.
        let publisher: ApplicationChangePublisher | undefined;
        if (applications.subscribe && applications.watchStatuses?.().length) {
          const live = new ApplicationChangePublisher({
            signals,
            logger,
            cache,
          });
          const unsubscribe = applications.subscribe(change =>
            live.changed(change),
          );
          lifecycle.addShutdownHook(async () => {
            unsubscribe();
            await live.flush();
          });
          publisher = live;
        }
        httpRouter.use(
          await createRouter({
            logger,
            httpAuth,
            permissions,
            entities: EntityLoader.create({
              catalog,
              permissions,
              auth,
              cacheSeconds: readCatalogConfig(config).entityCacheSeconds,
            }),
            applications,
            knowledge,
            auditor,
            actionsEnabled,
            publisher,
            fleet: new FleetReader({
              catalog,
              auth,
              permissions,
              applications,
            }),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
