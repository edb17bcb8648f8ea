import {
  ApplicationDetail,
  ApplicationOperation,
  GitOpsActionRequest,
  GitOpsActionResponse,
  HealthStatus,
  OperationPhase,
  isOperationInProgress,
} from '@gitops-guide/backstage-plugin-gitops-common';

/** What tells that an action has ended, read from the application's detail. */
export type FollowTarget =
  /** Argo CD: the operation the action started, until it leaves Running/Terminating. */
  | {
      kind: 'operation';
      operation: ApplicationOperation;
      /** When the operation before the action started: an operation that started then is not the new one. */
      previousStartedAt?: string;
    }
  /** Flux reconcile: until the controller has handled the request. */
  | { kind: 'reconcile'; requestedAt: string }
  /** Flux suspend/resume: until `spec.suspend` says so. */
  | { kind: 'suspend'; suspended: boolean };

/** How a followed action ended. */
export type FollowEnd =
  | { kind: 'operation'; phase: OperationPhase; message?: string }
  | { kind: 'reconcile'; health: HealthStatus; message?: string }
  | { kind: 'suspend'; suspended: boolean }
  /** Another operation replaced the followed one before its end was read. */
  | { kind: 'superseded'; message: string };

/**
 * What to watch after an action answered: the operation or reconcile request
 * the backend names, or the suspension; undefined when there is nothing to
 * wait for (an Argo CD refresh is done when it answers). `before` is the
 * detail as it was before the action.
 */
export function followTarget(
  request: GitOpsActionRequest,
  response: GitOpsActionResponse,
  before?: Pick<ApplicationDetail, 'operation'>,
): FollowTarget | undefined {
  if (request.action === 'suspend' || request.action === 'resume') {
    return { kind: 'suspend', suspended: request.action === 'suspend' };
  }
  if (response.follow?.reconcileRequestedAt) {
    return {
      kind: 'reconcile',
      requestedAt: response.follow.reconcileRequestedAt,
    };
  }
  if (response.follow?.operation) {
    return {
      kind: 'operation',
      operation: response.follow.operation,
      previousStartedAt: before?.operation?.startedAt,
    };
  }
  return undefined;
}

function startedLater(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}

/**
 * How the followed action ended, as the detail reports it now; undefined
 * while it runs. An Argo CD operation is recognised by its start time (or,
 * when the answer had none yet, by not being the operation from before the
 * action), so the previous operation's end is never mistaken for the new
 * one's.
 */
export function followEnd(
  target: FollowTarget,
  detail: ApplicationDetail,
): FollowEnd | undefined {
  switch (target.kind) {
    case 'operation': {
      const operation = detail.operation;
      const startedAt = target.operation.startedAt;
      if (!operation) {
        return undefined;
      }
      if (
        !startedAt &&
        target.previousStartedAt &&
        operation.startedAt === target.previousStartedAt
      ) {
        // Argo CD has not started the new operation yet: this is the last one.
        return undefined;
      }
      if (startedAt && operation.startedAt !== startedAt) {
        return operation.startedAt &&
          startedLater(operation.startedAt, startedAt)
          ? {
              kind: 'superseded',
              message: `Another operation${
                operation.initiatedBy
                  ? ` (started by ${operation.initiatedBy})`
                  : ''
              } replaced it before its end could be read; the summary shows the last operation.`,
            }
          : undefined; // The detail does not show the new operation yet.
      }
      if (isOperationInProgress(operation.phase)) {
        return undefined;
      }
      return {
        kind: 'operation',
        phase: operation.phase,
        message: operation.message,
      };
    }
    case 'reconcile':
      return detail.reconcile?.handledAt === target.requestedAt
        ? {
            kind: 'reconcile',
            health: detail.health.status,
            message: detail.health.message,
          }
        : undefined;
    case 'suspend':
      return Boolean(detail.suspended) === target.suspended
        ? { kind: 'suspend', suspended: target.suspended }
        : undefined;
    default:
      return undefined;
  }
}
