import type {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import {
  guidanceFor,
  type ApplicationDetail,
  type ApplicationDetailWithGuidance,
  type ApplicationsResponse,
  type GitOpsActionResponse,
  type GuidanceResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';
import express from 'express';
import Router from 'express-promise-router';
import type {
  ApplicationReadOptions,
  ApplicationStatusService,
} from '../services/applications/types';
import type { EntityLoader } from '../services/entities/EntityLoader';
import type { ApplicationActionRunner } from '../services/actions/ApplicationActionRunner';
import type { KnowledgeService } from '../services/knowledge';
import type { ApplicationChangePublisher } from '../services/push/ApplicationChangePublisher';
import { parseRequestInput } from '../validation/zodHelpers';
import { parseActionRequest } from './actionBodies';
import {
  actionQuery,
  applicationParams,
  detailQuery,
  entityParams,
  listQuery,
} from './applicationParams';

/** What the application routes need. */
export interface ApplicationRoutesOptions {
  httpAuth: HttpAuthService;
  entities: EntityLoader;
  applications: ApplicationStatusService;
  knowledge: KnowledgeService;
  /** Present when `gitops.actions.enabled` is on: only then do the POST routes exist. */
  actions?: ApplicationActionRunner;
  /** Present when an instance is watched: told who loads which entity, to push its changes to them. */
  publisher?: ApplicationChangePublisher;
}

const ENTITY = '/entities/:kind/:namespace/:name';
const APPLICATION = `${ENTITY}/applications/:instance/:application`;

/**
 * `GET …/applications`, `GET …/applications/:instance/:application` and its
 * `/guidance`, and with actions on, `POST …/:instance/:application/:action`. Each handler parses its input, resolves the entity for the
 * caller (who must be allowed to read it, by the catalog's own read
 * permission) and delegates to the application status service: nothing reaches
 * an upstream before both have passed. `refresh=true` is passed on with
 * the entity as its key; the service decides whether it reads upstream.
 */
export function createApplicationRoutes(
  options: ApplicationRoutesOptions,
): express.Router {
  const { httpAuth, entities, applications, knowledge, actions, publisher } =
    options;
  const router = Router();

  /** The entity's target, if the caller may read the entity; a user who passed is a viewer. */
  const loadTarget = async (
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >,
  ) => {
    const target = await entities.loadTarget(entityRef, credentials);
    const { principal } = credentials;
    if (target && publisher && principal.type === 'user') {
      publisher.viewed(
        stringifyEntityRef(entityRef),
        target,
        principal.userEntityRef,
      );
    }
    return target;
  };

  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  const loadDetail = async (req: express.Request) => {
    const { instance, application, ...entityRef } = parseRequestInput(
      applicationParams,
      req.params,
      'route parameter',
    );
    const query = parseRequestInput(detailQuery, req.query, 'query parameter');
    const target = await loadTarget(entityRef, await credentialsOf(req));
    const detail = await applications.getApplicationDetail(
      target ?? {},
      {
        instance,
        name: application,
        namespace: query.appNamespace,
        kind: query.kind,
      },
      readOptions(entityRef, query.refresh),
    );
    return { detail, include: query.include };
  };

  const guidanceOf = async (
    detail: ApplicationDetail,
  ): Promise<GuidanceResponse> =>
    guidanceFor(detail, await knowledge.listEntries());

  router.get(`${ENTITY}/applications`, async (req, res) => {
    const entityRef = parseRequestInput(entityParams, req.params, 'entity');
    const query = parseRequestInput(listQuery, req.query, 'query parameter');
    const target = await loadTarget(entityRef, await credentialsOf(req));
    const body: ApplicationsResponse = target
      ? await applications.getApplications(
          target,
          readOptions(entityRef, query.refresh),
        )
      : { applications: [], errors: [] };
    res.json(body);
  });

  router.get(APPLICATION, async (req, res) => {
    const { detail, include } = await loadDetail(req);
    if (include === 'guidance') {
      const body: ApplicationDetailWithGuidance = {
        ...detail,
        guidance: await guidanceOf(detail),
      };
      res.json(body);
    } else {
      res.json(detail);
    }
  });

  /** Kept for existing clients; the tab asks for `?include=guidance` instead. */
  router.get(`${APPLICATION}/guidance`, async (req, res) => {
    const { detail } = await loadDetail(req);
    res.json(await guidanceOf(detail));
  });

  if (actions) {
    /** `POST …/refresh|sync|rollback|reconcile|suspend|resume` with a JSON body. */
    router.post(`${APPLICATION}/:action`, async (req, res) => {
      const { instance, application, ...entityRef } = parseRequestInput(
        applicationParams,
        req.params,
        'route parameter',
      );
      const query = parseRequestInput(
        actionQuery,
        req.query,
        'query parameter',
      );
      const action = parseActionRequest(req.params.action, req.body);
      const body: GitOpsActionResponse = await actions.run({
        request: req,
        credentials: await httpAuth.credentials(req, { allow: ['user'] }),
        entityRef,
        application: {
          instance,
          name: application,
          namespace: query.appNamespace,
          kind: query.kind,
        },
        action,
      });
      res.json(body);
    });
  }

  return router;
}

/** Refreshes are limited per entity, keyed by its (lowercased) ref. */
function readOptions(
  entityRef: CompoundEntityRef,
  refresh: boolean | undefined,
): ApplicationReadOptions {
  return refresh
    ? {
        refresh,
        refreshKey: stringifyEntityRef(entityRef),
      }
    : {};
}
