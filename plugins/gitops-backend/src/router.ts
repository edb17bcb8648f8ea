import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { createApplicationRoutes } from './routes/applications';
import { createFleetRoutes } from './routes/fleet';
import { createHealthRoutes } from './routes/health';
import { createKnowledgeRoutes } from './routes/knowledge';
import { ApplicationActionRunner } from './services/actions/ApplicationActionRunner';
import type { ApplicationStatusService } from './services/applications/types';
import type { EntityLoader } from './services/entities/EntityLoader';
import type { FleetReader } from './services/fleet/FleetReader';
import type { KnowledgeService } from './services/knowledge';
import type { ApplicationChangePublisher } from './services/push/ApplicationChangePublisher';

/** What the plugin's HTTP API needs. */
export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  entities: EntityLoader;
  applications: ApplicationStatusService;
  knowledge: KnowledgeService;
  /** Records every action attempt; needed when `actionsEnabled`. */
  auditor?: AuditorService;
  /** `gitops.actions.enabled`: without it no write route exists. Default false. */
  actionsEnabled?: boolean;
  /** Pushes changes of watched applications to the users who load them. */
  publisher?: ApplicationChangePublisher;
  /** Serves `GET /fleet`; without it the route does not exist. */
  fleet?: FleetReader;
}

/**
 * The plugin's HTTP API: a thin layer that composes one sub-router per
 * capability. Errors are thrown as `@backstage/errors` and answered by the
 * platform's error middleware.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, entities, applications, knowledge, auditor } =
    options;
  if (options.actionsEnabled && !auditor) {
    throw new Error('GitOps actions need the auditor service');
  }
  const router = Router();
  router.use(express.json());

  router.use(createHealthRoutes({ httpAuth, applications, knowledge }));

  const actions =
    options.actionsEnabled && auditor
      ? new ApplicationActionRunner({
          entities,
          permissions,
          auditor,
          applications,
        })
      : undefined;
  router.use(
    createApplicationRoutes({
      httpAuth,
      entities,
      applications,
      knowledge,
      actions,
      publisher: options.publisher,
    }),
  );
  router.use(createKnowledgeRoutes({ knowledge, httpAuth, permissions }));
  if (options.fleet) {
    router.use(createFleetRoutes({ httpAuth, fleet: options.fleet }));
  }

  return router;
}
