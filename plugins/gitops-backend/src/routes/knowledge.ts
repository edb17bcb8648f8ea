import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  gitopsKnowledgeProblemsReadPermission,
  KnowledgeProblemsResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { KnowledgeService } from '../services/knowledge';
import {
  kindSchema,
  levelSchema,
  slugSchema,
} from '../services/knowledge/schema';
import { parseRequestInput } from '../validation/zodHelpers';

/** Longest accepted free-text query, in characters. */
const MAX_QUERY_LENGTH = 200;

/** `?topic=` means "any topic", as if the parameter were absent. */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess(value => (value === '' ? undefined : value), schema.optional());

const searchQuerySchema = z.object({
  q: optional(
    z
      .string({ invalid_type_error: 'must be given once' })
      .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`),
  ),
  topic: optional(slugSchema),
  level: optional(levelSchema),
  kind: optional(kindSchema),
});

const entryParamsSchema = z.object({ id: slugSchema });

/**
 * The knowledge base API, mounted at the plugin root:
 * `GET /knowledge?q=&topic=&level=&kind=`, `GET /knowledge/topics`,
 * `GET /knowledge/skill-check`, `GET /knowledge/problems` (with the
 * `gitops.knowledge.problems.read` permission) and `GET /knowledge/:id`.
 * Errors are thrown for the platform's error middleware to answer.
 *
 * @public
 */
export function createKnowledgeRoutes(options: {
  knowledge: KnowledgeService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): express.Router {
  const { knowledge, httpAuth, permissions } = options;
  const router = Router();

  router.get('/knowledge', async (req, res) => {
    const query = parseRequestInput(
      searchQuerySchema,
      req.query,
      'knowledge query',
    );
    res.json(await knowledge.search(query));
  });

  // Fixed paths before `/:id`, which would otherwise capture them.
  router.get('/knowledge/topics', async (_req, res) => {
    res.json(await knowledge.getTopics());
  });

  router.get('/knowledge/skill-check', async (_req, res) => {
    res.json(await knowledge.getSkillCheck());
  });

  // File names and validation messages are for content maintainers only.
  router.get('/knowledge/problems', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: gitopsKnowledgeProblemsReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Listing knowledge content problems needs the ${gitopsKnowledgeProblemsReadPermission.name} permission`,
      );
    }
    const body: KnowledgeProblemsResponse = {
      problems: await knowledge.getProblems(),
    };
    res.json(body);
  });

  router.get('/knowledge/:id', async (req, res) => {
    const { id } = parseRequestInput(entryParamsSchema, req.params, 'entry id');
    res.json(await knowledge.getEntry(id));
  });

  return router;
}
