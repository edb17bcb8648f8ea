import { InputError } from '@backstage/errors';
import {
  FLUX_ACTIONS,
  fluxSourceRefOf,
  normalizeApplication,
  normalizeApplicationDetail,
  normalizeFluxObject,
  type ApplicationDetail,
  type FluxKind,
  type GitOpsActionName,
  type GitOpsActionRequest,
  type GitOpsActionResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { ActionRunOptions } from '../applications/types';
import { refusalError } from '../actions/refusalError';
import { assertArgoCdAction } from '../argocd/argoCdActions';
import { isRecord } from '../shared/upstreamValues';
import type { ClusterHandle } from './ClusterLists';
import type { KubernetesObjectRef } from './KubernetesClient';
import {
  ARGOCD_APPLICATIONS,
  FLUX_RESOURCES,
  FLUX_SOURCE_RESOURCES,
} from './resources';

/** The annotation `flux reconcile` sets; the controller answers in `status.lastHandledReconcileAt`. */
const RECONCILE_REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';
/** The annotation `argocd app get --refresh` sets on the Application resource. */
const ARGOCD_REFRESH = 'argocd.argoproj.io/refresh';

type Raw = Record<string, unknown>;

/** How each patch is named in error messages: "refused suspending Kustomization 'x/y' (403 …)". */
const DOING: Record<GitOpsActionName, string> = {
  refresh: 'refreshing',
  sync: 'starting a sync of',
  rollback: 'starting a rollback of',
  reconcile: 'requesting a reconcile of',
  suspend: 'suspending',
  resume: 'resuming',
};

/** The value when it is a JSON object. */
function record(value: unknown): Raw | undefined {
  return isRecord(value) ? value : undefined;
}

/** `status.history[]` of a raw Application, by id. */
function historyEntry(raw: Raw, id: number): Raw | undefined {
  const history = record(raw.status)?.history;
  return Array.isArray(history)
    ? history.map(record).find(entry => entry?.id === id)
    : undefined;
}

/**
 * One action on an object read straight from a cluster, as merge patches
 * (the Flux CLI's and `argocd --core`'s own): the object is read fresh (one
 * GET) and checked, then patched once. Operations written to an Argo CD
 * Application carry the object's `resourceVersion`, so a concurrent change
 * makes the API server refuse (409) instead of two operations racing.
 */
export async function runKubernetesAction(options: {
  handle: ClusterHandle;
  app: ApplicationDetail;
  request: GitOpsActionRequest;
  run: ActionRunOptions;
}): Promise<GitOpsActionResponse> {
  const { handle, app, request, run } = options;
  const isFlux = app.sourceKind === 'flux';
  const target: KubernetesObjectRef = {
    resource: isFlux
      ? FLUX_RESOURCES[app.kind as FluxKind]
      : ARGOCD_APPLICATIONS,
    namespace: app.namespace,
    name: app.name,
  };
  if (isFlux && !(FLUX_ACTIONS as readonly string[]).includes(request.action)) {
    throw new InputError(
      `'${request.action}' is an Argo CD action; ${app.kind} '${
        app.name
      }' is a Flux object (${FLUX_ACTIONS.join(', ')})`,
    );
  }
  if (!isFlux) {
    assertArgoCdAction(request, app.name);
  }
  const client = handle.client;
  const cluster = handle.config;
  const raw = await client.get(target, { deadline: run.deadline });
  const current: ApplicationDetail | ReturnType<typeof normalizeFluxObject> =
    isFlux
      ? normalizeFluxObject(raw, {
          instance: cluster.name,
          kind: app.kind as FluxKind,
        })
      : normalizeApplicationDetail(raw, {
          instance: cluster.name,
          uiUrl: cluster.argocdUiUrl,
          sourceKind: 'argocd-kubernetes',
        });
  const refused = refusalError(current, request);
  if (refused) {
    throw refused;
  }

  const call = { deadline: run.deadline };
  const now = new Date().toISOString();
  const named = `${app.kind} '${app.namespace}/${app.name}'`;
  let patch: Raw;
  let message: string;
  let dryRun = false;
  switch (request.action) {
    case 'reconcile': {
      const source = request.withSource ? fluxSourceRefOf(raw) : undefined;
      const sourceResource = source && FLUX_SOURCE_RESOURCES[source.kind];
      if (request.withSource && !sourceResource) {
        throw new InputError(
          `${named} has no source that can be reconciled from here${
            source ? ` (${source.kind} '${source.name}')` : ''
          }; reconcile it without its source`,
        );
      }
      if (source && sourceResource) {
        await client.patch(
          {
            resource: sourceResource,
            namespace: source.namespace,
            name: source.name,
          },
          { metadata: { annotations: { [RECONCILE_REQUESTED_AT]: now } } },
          {
            ...call,
            what: `asking Flux to reconcile ${source.kind} '${source.namespace}/${source.name}'`,
          },
        );
      }
      patch = { metadata: { annotations: { [RECONCILE_REQUESTED_AT]: now } } };
      message = `Asked Flux to reconcile ${named}${
        source ? ` and its ${source.kind} '${source.name}'` : ''
      }`;
      break;
    }
    case 'suspend':
      patch = { spec: { suspend: true } };
      message = `Suspended ${named}: Flux applies nothing from Git to it until it is resumed`;
      break;
    case 'resume':
      // As `flux resume`: resume and reconcile at once.
      patch = {
        spec: { suspend: false },
        metadata: { annotations: { [RECONCILE_REQUESTED_AT]: now } },
      };
      message = `Resumed ${named}; Flux reconciles it now`;
      break;
    case 'refresh':
      patch = {
        metadata: {
          annotations: { [ARGOCD_REFRESH]: request.hard ? 'hard' : 'normal' },
        },
      };
      message = `Asked Argo CD to ${request.hard ? 'hard-' : ''}refresh '${
        app.name
      }'`;
      break;
    case 'sync':
    case 'rollback': {
      dryRun = request.dryRun === true;
      const sync: Raw = {
        prune: request.prune === true,
        dryRun,
        syncStrategy: { hook: {} },
      };
      let what: string;
      if (request.action === 'rollback') {
        const entry = historyEntry(raw, request.id)!;
        for (const key of ['revision', 'revisions', 'source', 'sources']) {
          if (entry[key] !== undefined) sync[key] = entry[key];
        }
        what = `a rollback of '${app.name}' to #${request.id} (${String(
          entry.revision ?? '',
        ).slice(0, 7)})`;
      } else {
        if (request.revision) sync.revision = request.revision;
        what = `a sync of '${app.name}' to ${
          request.revision ?? current.source?.targetRevision ?? 'HEAD'
        }`;
      }
      patch = {
        metadata: { resourceVersion: record(raw.metadata)?.resourceVersion },
        operation: {
          sync,
          initiatedBy: { username: run.actor ?? 'backstage' },
          info: [{ name: 'Reason', value: 'Started from Backstage' }],
        },
      };
      message = dryRun
        ? `Asked Argo CD for a dry run of ${what}; nothing in the cluster changes`
        : `Asked Argo CD for ${what}`;
      break;
    }
    default:
      throw new InputError(
        `Unknown action '${(request as { action: string }).action}'`,
      );
  }
  const answer = await client.patch(target, patch, {
    ...call,
    what: `${DOING[request.action]} ${named}`,
  });
  const application = isFlux
    ? normalizeFluxObject(answer, {
        instance: cluster.name,
        kind: app.kind as FluxKind,
      })
    : normalizeApplication(answer, {
        instance: cluster.name,
        uiUrl: cluster.argocdUiUrl,
        sourceKind: 'argocd-kubernetes',
      });
  const response: GitOpsActionResponse = {
    action: request.action,
    dryRun,
    message,
    application,
  };
  if (request.action === 'reconcile' || request.action === 'resume') {
    response.follow = { reconcileRequestedAt: now };
  } else if (!isFlux && request.action !== 'refresh' && application.operation) {
    response.follow = { operation: application.operation };
  }
  return response;
}
