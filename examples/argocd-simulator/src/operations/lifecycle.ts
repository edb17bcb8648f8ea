import type { ArgoApplication, ArgoOperation } from '../types';

/**
 * The first two steps of an operation's life, as Argo CD stores them. Finishing it is {@link withOperationFinished}
 * (syncOutcome.ts).
 */

/** gitops-engine's message while sync tasks run. */
export const RUNNING_MESSAGE = 'one or more tasks are running';
/** The application controller's message for an operation a deny sync window holds. */
export const BLOCKED_BY_SYNC_WINDOW = 'Sync operation blocked by sync window';

/**
 * What the API server stores when it accepts a sync or rollback (argo.SetAppOperation): the operation at the top
 * level and no operation state at all, until the controller picks it up.
 */
export function withRequestedOperation(
  app: ArgoApplication,
  operation: ArgoOperation,
): ArgoApplication {
  const { operationState: _previous, ...status } = app.status ?? {};
  return { ...app, operation, status };
}

/** The controller has picked the operation up: phase Running from now on. */
export function withOperationRunning(
  app: ArgoApplication,
  startedAt: string,
  message: string = RUNNING_MESSAGE,
): ArgoApplication {
  return {
    ...app,
    status: {
      ...app.status,
      operationState: {
        operation: app.operation,
        phase: 'Running',
        message,
        startedAt,
      },
    },
  };
}

/**
 * Whether another operation would be refused: Argo CD looks at the top-level `operation` only, which stays set
 * from the request until the controller finishes.
 */
export function hasOperationInProgress(app: ArgoApplication): boolean {
  return app.operation !== undefined && app.operation !== null;
}
