import type { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import type { FleetReader } from '../services/fleet/FleetReader';
import { parseRequestInput } from '../validation/zodHelpers';
import { listQuery } from './applicationParams';

/** What the fleet route needs. */
export interface FleetRoutesOptions {
  httpAuth: HttpAuthService;
  fleet: FleetReader;
}

/**
 * `GET /fleet`: every application the caller may see across instances and
 * clusters, joined to the entities that claim it (see {@link FleetReader}).
 * `refresh=true` re-reads the unwatched lists, at most once per
 * `refreshMinIntervalSeconds` for the whole backend.
 */
export function createFleetRoutes(options: FleetRoutesOptions): express.Router {
  const { httpAuth, fleet } = options;
  const router = Router();
  router.get('/fleet', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseRequestInput(listQuery, req.query, 'query parameter');
    res.json(await fleet.read(credentials, { refresh: query.refresh }));
  });
  return router;
}
