import type { HealthStatus, OperationPhase, SyncStatus } from './types';

/** Every sync status, as Argo CD spells it. @public */
export const SYNC_STATUSES: readonly SyncStatus[] = [
  'Synced',
  'OutOfSync',
  'Unknown',
];

/** Every health status, as Argo CD spells it. @public */
export const HEALTH_STATUSES: readonly HealthStatus[] = [
  'Healthy',
  'Progressing',
  'Degraded',
  'Suspended',
  'Missing',
  'Unknown',
];

/** Every operation phase, as Argo CD spells it. @public */
export const OPERATION_PHASES: readonly OperationPhase[] = [
  'Running',
  'Terminating',
  'Failed',
  'Error',
  'Succeeded',
];

/** A sync status from untrusted input; anything unrecognised is `Unknown`. @public */
export function toSyncStatus(value: unknown): SyncStatus {
  return SYNC_STATUSES.find(status => status === value) ?? 'Unknown';
}

/** A health status from untrusted input; anything unrecognised is `Unknown`. @public */
export function toHealthStatus(value: unknown): HealthStatus {
  return HEALTH_STATUSES.find(status => status === value) ?? 'Unknown';
}

/** An operation phase from untrusted input, or undefined when unrecognised. @public */
export function toOperationPhase(value: unknown): OperationPhase | undefined {
  return OPERATION_PHASES.find(phase => phase === value);
}

/** True for the phases of an operation that has not finished. @public */
export function isOperationInProgress(
  phase: OperationPhase | undefined,
): boolean {
  return phase === 'Running' || phase === 'Terminating';
}

/** True for the phases Argo CD's `on-sync-failed` trigger fires on. @public */
export function isOperationFailed(phase: OperationPhase | undefined): boolean {
  return phase === 'Failed' || phase === 'Error';
}
