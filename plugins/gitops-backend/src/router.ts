import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { createApplicationRoutes } from './routes/applications';
import { createKnowledgeRoutes } from './routes/knowledge';
import type { ApplicationStatusService } from './services/applications/types';
import type { EntityLoader } from './services/entities/EntityLoader';
import type { KnowledgeService } from './services/knowledge';

/** What the plugin's HTTP API needs. */
export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  entities: EntityLoader;
  applications: ApplicationStatusService;
  knowledge: KnowledgeService;
}

/**
 * The plugin's HTTP API: a thin layer that composes one sub-router per
 * capability. Errors are thrown as `@backstage/errors` and answered by the
 * platform's error middleware.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, entities, applications, knowledge } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.use(
    createApplicationRoutes({ httpAuth, entities, applications, knowledge }),
  );
  router.use(createKnowledgeRoutes({ knowledge }));

  return router;
}
