import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  makeValidator,
  stringifyEntityRef,
  type CompoundEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  hasGitOpsAnnotations,
  readGitOpsAnnotations,
  validateApplicationName,
  validateInstanceName,
  validateNamespace,
  explain,
  planRollback,
  signalsOf,
  type ApplicationDetail,
  type ApplicationsResponse,
  type GitOpsTarget,
  type GuidanceResponse,
  type SourceError,
} from '@gitops-guide/backstage-plugin-gitops-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { ArgoCdStatusService } from '../services/argocd/types';
import type { EntityLoader } from '../services/entities/EntityLoader';
import type { KnowledgeService } from '../services/knowledge';
import {
  KUBERNETES_OBJECT_KINDS,
  type KubernetesObjectKind,
  type KubernetesStatusService,
} from '../services/kubernetes';

const MAX_SHOWN_VALUE = 60;
const entityValidator = makeValidator();

function shown(value: string): string {
  return JSON.stringify(
    value.length > MAX_SHOWN_VALUE
      ? `${value.slice(0, MAX_SHOWN_VALUE)}…`
      : value,
  );
}

/** A string checked by one of the common validators (`string | undefined` = error | ok). */
function checked(
  validate: (value: string) => string | undefined,
  maxLength = 253,
) {
  return z.string().superRefine((value, ctx) => {
    const error =
      value.length > maxLength
        ? `must be at most ${maxLength} characters`
        : validate(value);
    if (error) {
      ctx.addIssue({ code: 'custom', message: `${shown(value)} ${error}` });
    }
  });
}

function catalogChecked(isValid: (value: unknown) => boolean, rule: string) {
  return checked(value => (isValid(value) ? undefined : rule));
}

const entityParams = z.object({
  kind: catalogChecked(
    value => entityValidator.isValidKind(value),
    'is not a valid entity kind',
  ),
  namespace: catalogChecked(
    value => entityValidator.isValidNamespace(value),
    'is not a valid entity namespace',
  ),
  name: catalogChecked(
    value => entityValidator.isValidEntityName(value),
    'is not a valid entity name',
  ),
});

const applicationParams = entityParams.extend({
  instance: checked(validateInstanceName),
  application: checked(validateApplicationName),
});

const detailQuery = z.object({
  appNamespace: checked(validateNamespace).optional(),
  /** Needed only when a Kustomization, HelmRelease or Application share a name on one cluster. */
  kind: z
    .string()
    .refine(
      (value): value is KubernetesObjectKind =>
        (KUBERNETES_OBJECT_KINDS as readonly string[]).includes(value),
      value => ({
        message: `${shown(value)} must be one of ${KUBERNETES_OBJECT_KINDS.join(
          ', ',
        )}`,
      }),
    )
    .optional(),
});

/** Parses route input or throws an `InputError` naming the bad value. */
function parse<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  where: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      result.error.issues
        .map(issue => {
          const at = issue.path.join('.');
          const problem =
            issue.code === 'invalid_type'
              ? `must be a single string`
              : issue.message;
          return `Invalid ${where} ${at}: ${problem}`;
        })
        .join('; '),
    );
  }
  return result.data;
}

/** The entity's Argo CD target, undefined when it has no GitOps annotations. */
function targetOf(entity: Entity): GitOpsTarget | undefined {
  if (!hasGitOpsAnnotations(entity)) {
    return undefined;
  }
  const result = readGitOpsAnnotations(entity);
  if (!result.ok) {
    throw new InputError(
      `Entity '${stringifyEntityRef(
        entity,
      )}' has invalid GitOps annotations: ${result.errors.join('; ')}`,
    );
  }
  return result.value;
}

/** @public */
export interface ApplicationRoutesOptions {
  httpAuth: HttpAuthService;
  entities: EntityLoader;
  argoCd: ArgoCdStatusService;
  kubernetes: KubernetesStatusService;
  knowledge: KnowledgeService;
}

/**
 * The target as the Argo CD API service sees it: instances named in
 * `argocd/instance-name` that are clusters (read through the Kubernetes
 * route) are not its business.
 */
function argoCdApiTarget(
  target: GitOpsTarget,
  clusterInstances: string[],
): GitOpsTarget {
  return target.instances
    ? {
        ...target,
        instances: target.instances.filter(
          instance => !clusterInstances.includes(instance),
        ),
      }
    : target;
}

/**
 * One answer from both routes. An application one route could not find is
 * no error when the other found it: names in `argocd/app-name` may live on
 * an Argo CD API instance or in a cluster.
 */
function mergeResponses(
  fromApi: ApplicationsResponse,
  fromClusters: ApplicationsResponse,
): ApplicationsResponse {
  const applications = [...fromApi.applications, ...fromClusters.applications];
  const found = new Set(
    applications.filter(app => app.kind === 'Application').map(app => app.name),
  );
  const errors: SourceError[] = [
    ...fromApi.errors,
    ...fromClusters.errors,
  ].filter(
    error =>
      !(
        error.code === 'not-found' &&
        error.application &&
        found.has(error.application)
      ),
  );
  return { applications, errors };
}

/**
 * `GET /entities/:kind/:namespace/:name/applications` and
 * `GET /entities/:kind/:namespace/:name/applications/:instance/:application`.
 * Every request resolves the entity with the caller's credentials first and
 * validates all input before anything reaches Argo CD or a cluster. Which
 * route serves an instance is configuration: a configured cluster name goes
 * to the Kubernetes service, any other name to the Argo CD API service.
 * @public
 */
export function createApplicationRoutes(
  options: ApplicationRoutesOptions,
): express.Router {
  const { httpAuth, entities, argoCd, kubernetes, knowledge } = options;
  const router = Router();

  const loadTarget = async (req: express.Request, ref: CompoundEntityRef) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    return targetOf(await entities.load(ref, credentials));
  };

  router.get(
    '/entities/:kind/:namespace/:name/applications',
    async (req, res) => {
      const ref = parse(entityParams, req.params, 'entity');
      const target = await loadTarget(req, ref);
      const body: ApplicationsResponse = target
        ? mergeResponses(
            ...(await Promise.all([
              argoCd.getApplications(
                argoCdApiTarget(target, kubernetes.argoCdInstances()),
              ),
              kubernetes.getApplications(target),
            ])),
          )
        : { applications: [], errors: [] };
      res.json(body);
    },
  );

  const loadDetail = async (req: express.Request) => {
    const params = parse(applicationParams, req.params, 'route parameter');
    const { appNamespace, kind } = parse(
      detailQuery,
      req.query,
      'query parameter',
    );
    const { instance, application, ...ref } = params;
    const target = await loadTarget(req, ref);
    if (kubernetes.hasCluster(instance)) {
      return kubernetes.getApplicationDetail(target ?? {}, {
        instance,
        name: application,
        namespace: appNamespace,
        kind,
      });
    }
    if (kind && kind !== 'Application') {
      throw new NotFoundError(
        `${kind} '${application}' cannot be on '${instance}': it is not a configured Kubernetes cluster`,
      );
    }
    return argoCd.getApplicationDetail(target ?? {}, {
      instance,
      name: application,
      appNamespace,
    });
  };

  router.get(
    '/entities/:kind/:namespace/:name/applications/:instance/:application',
    async (req, res) => {
      const body: ApplicationDetail = await loadDetail(req);
      res.json(body);
    },
  );

  router.get(
    '/entities/:kind/:namespace/:name/applications/:instance/:application/guidance',
    async (req, res) => {
      const detail = await loadDetail(req);
      const signals = signalsOf(detail);
      const entries = await knowledge.listEntries();
      const body: GuidanceResponse = {
        signals: signals.signals,
        explanations: explain(signals, entries),
        rollback: planRollback(detail),
      };
      res.json(body);
    },
  );

  return router;
}
