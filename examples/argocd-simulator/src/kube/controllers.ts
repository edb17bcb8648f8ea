import { OperationRunner } from '../operations/operationRunner';
import type { KeyedTimers } from '../operations/timers';
import { rfc3339 } from '../rfc3339';
import type { ArgoApplication } from '../types';
import type { ServedResource } from './resources';
import type { KubeState } from './state';
import type { KubeObject } from './types';

/** The annotation `flux reconcile` sets; the controller answers in `status.lastHandledReconcileAt`. */
export const RECONCILE_REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';
/** The annotation `argocd app get --refresh` sets; the application controller removes it once it has compared. */
export const ARGOCD_REFRESH = 'argocd.argoproj.io/refresh';

type Status = Record<string, any>;

const keyOf = (object: KubeObject) =>
  `${object.apiVersion}/${object.kind}/${object.metadata.namespace}/${object.metadata.name}`;

const annotationsOf = (object: KubeObject) =>
  (object.metadata.annotations ?? {}) as Record<string, string>;

const isSuspended = (object: KubeObject) =>
  (object.spec as { suspend?: unknown } | undefined)?.suspend === true;

/** The Flux status once a reconcile request is handled: `lastHandledReconcileAt`, a fresh Ready condition. */
function reconciled(object: KubeObject, requestedAt: string): KubeObject {
  const status = (object.status ?? {}) as Status;
  const now = rfc3339();
  const generation = object.metadata.generation;
  const observed =
    typeof generation === 'number' ? { observedGeneration: generation } : {};
  const conditions = Array.isArray(status.conditions)
    ? status.conditions.map((condition: Status) =>
        condition?.type === 'Ready'
          ? { ...condition, lastTransitionTime: now, ...observed }
          : condition,
      )
    : undefined;
  return {
    ...object,
    status: {
      ...status,
      ...observed,
      ...(conditions ? { conditions } : {}),
      lastHandledReconcileAt: requestedAt,
    },
  };
}

/** The Application once the controller has compared it again: refresh annotation gone, `reconciledAt` now. */
function refreshed(object: KubeObject): KubeObject {
  const { [ARGOCD_REFRESH]: _handled, ...annotations } = annotationsOf(object);
  return {
    ...object,
    metadata: { ...object.metadata, annotations },
    status: { ...(object.status as Status), reconciledAt: rfc3339() },
  };
}

/**
 * The controllers behind the fake API server, reacting to what a PATCH stored: Flux's (handle a reconcile
 * request unless suspended) and Argo CD's application controller (handle a refresh annotation, run an operation
 * written to the Application, with the same lifecycle as the Argo CD API simulator).
 */
export class KubeControllers {
  private readonly operations: OperationRunner;

  constructor(
    private readonly state: KubeState,
    private readonly timers: KeyedTimers,
    private readonly options: {
      reconcileDelayMs: number;
      operationDurationMs: number;
    },
  ) {
    this.operations = new OperationRunner(timers, options.operationDurationMs);
  }

  onPatched(
    before: KubeObject,
    after: KubeObject,
    resource: ServedResource,
  ): void {
    if (resource.group.endsWith('.toolkit.fluxcd.io')) {
      this.fluxReconcile(after, resource);
    } else if (resource.group === 'argoproj.io') {
      this.argoRefresh(after, resource);
      if (
        after.operation &&
        JSON.stringify(after.operation) !== JSON.stringify(before.operation)
      ) {
        this.argoOperation(after, resource);
      }
    }
  }

  /** A pending request (requestedAt not handled yet) of an object that is not suspended: handled after the delay. */
  private fluxReconcile(object: KubeObject, resource: ServedResource): void {
    const requestedAt = annotationsOf(object)[RECONCILE_REQUESTED_AT];
    const handled = (object.status as Status | undefined)
      ?.lastHandledReconcileAt;
    if (!requestedAt || requestedAt === handled || isSuspended(object)) {
      return;
    }
    this.later(object, resource, 'reconcile', current => {
      const latest = annotationsOf(current)[RECONCILE_REQUESTED_AT];
      return latest && !isSuspended(current)
        ? reconciled(current, latest)
        : undefined;
    });
  }

  private argoRefresh(object: KubeObject, resource: ServedResource): void {
    if (annotationsOf(object)[ARGOCD_REFRESH] === undefined) {
      return;
    }
    this.later(object, resource, 'refresh', current =>
      annotationsOf(current)[ARGOCD_REFRESH] === undefined
        ? undefined
        : refreshed(current),
    );
  }

  private argoOperation(object: KubeObject, resource: ServedResource): void {
    const { namespace = '', name } = object.metadata;
    const find = () => this.state.find(resource, namespace, name);
    this.operations.run({
      key: `operation:${keyOf(object)}`,
      current: () => find() as unknown as ArgoApplication | undefined,
      update: app => {
        const current = find();
        if (current) {
          this.state.replace(current, app as unknown as KubeObject, resource);
        }
      },
    });
  }

  /** After the reconcile delay, stores what `next` makes of the object as it is then (nothing when undefined). */
  private later(
    object: KubeObject,
    resource: ServedResource,
    what: string,
    next: (current: KubeObject) => KubeObject | undefined,
  ): void {
    const { namespace = '', name } = object.metadata;
    this.timers.schedule(
      `${what}:${keyOf(object)}`,
      this.options.reconcileDelayMs,
      () => {
        const current = this.state.find(resource, namespace, name);
        const changed = current && next(current);
        if (current && changed) {
          this.state.replace(current, changed, resource);
        }
      },
    );
  }
}
