import { ApiError, GrpcCode } from '../errors';
import type { ArgoApplication } from '../types';

/** The refusals Argo CD's API server shares between sync and rollback (server/application/application.go). */

export function assertNotDeleting(app: ArgoApplication): void {
  if (app.metadata.deletionTimestamp) {
    throw new ApiError(GrpcCode.FailedPrecondition, 'application is deleting');
  }
}

/** argo.ErrAnotherOperationInProgress, from SetAppOperation. */
export function anotherOperationInProgress(): ApiError {
  return new ApiError(
    GrpcCode.FailedPrecondition,
    'another operation is already in progress',
  );
}

/** `spec.syncPolicy.automated`, when auto-sync is on. */
export function isAutoSync(app: ArgoApplication): boolean {
  const policy = app.spec.syncPolicy as { automated?: unknown } | undefined;
  return policy?.automated !== undefined && policy?.automated !== null;
}

/** `spec.syncPolicy` fields an operation copies. */
export function syncPolicyOf(app: ArgoApplication): {
  syncOptions?: string[];
  retry?: unknown;
} {
  return (app.spec.syncPolicy ?? {}) as {
    syncOptions?: string[];
    retry?: unknown;
  };
}
