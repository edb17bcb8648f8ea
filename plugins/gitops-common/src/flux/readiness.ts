import {
  asBoolean,
  asInteger,
  asMessage,
  asRecord,
  asRecordArray,
  asString,
} from '../internal/json';
import type { ApplicationOperation, HealthStatus } from '../types';

/**
 * `Ready=False` reasons that mean "not there yet" rather than "broken": the
 * controller is working (`Progressing`), retrying after a transient error
 * (`ProgressingWithRetry`), or waiting for a `dependsOn` object
 * (`DependencyNotReady`). They map to health `Progressing` and a `Running`
 * operation, like `Ready=Unknown`.
 * @public
 */
export const FLUX_PROGRESSING_REASONS: readonly string[] = [
  'Progressing',
  'ProgressingWithRetry',
  'DependencyNotReady',
];

/** What the `Ready` condition (and `spec.suspend`) say, in our words. */
export interface FluxReadiness {
  suspended: boolean;
  health: { status: HealthStatus; message?: string };
  /** Without the revision and retry count, which depend on the kind. */
  operation: ApplicationOperation | null;
}

/**
 * The one place Flux readiness becomes health and an operation phase:
 *
 * | object | health | operation |
 * |---|---|---|
 * | `spec.suspend: true` | `Suspended` | from `Ready`, as below |
 * | `Stalled=True` | `Degraded` | `Failed` |
 * | generation not yet observed | `Progressing` | `Running` |
 * | `Ready=True` | `Healthy` | `Succeeded` |
 * | `Ready=Unknown`, or `False` with a {@link FLUX_PROGRESSING_REASONS} reason | `Progressing` | `Running` |
 * | `Ready=False` (any other reason) | `Degraded` | `Failed` |
 * | no `Ready` condition | `Unknown` | none |
 *
 * The `Ready` message becomes the operation message, and the health message
 * unless the object is Healthy.
 */
export function fluxReadiness(raw: unknown): FluxReadiness {
  const root = asRecord(raw);
  const spec = asRecord(root?.spec);
  const status = asRecord(root?.status);
  const suspended = asBoolean(spec?.suspend) === true;
  const conditions = asRecordArray(status?.conditions);
  const ready = conditions.find(condition => condition.type === 'Ready');
  const stalled = conditions.find(
    condition => condition.type === 'Stalled' && condition.status === 'True',
  );
  const generation = asInteger(asRecord(root?.metadata)?.generation);
  const observed = asInteger(status?.observedGeneration);
  const pending =
    generation !== undefined &&
    (observed === undefined || observed < generation) &&
    ready !== undefined;

  const readyStatus = asString(ready?.status);
  const reason = asString(ready?.reason);
  const message = asMessage(stalled?.message) ?? asMessage(ready?.message);
  const since = asString(ready?.lastTransitionTime);

  let health: HealthStatus;
  let phase: ApplicationOperation['phase'] | undefined;
  if (stalled) {
    health = 'Degraded';
    phase = 'Failed';
  } else if (!ready) {
    health = 'Unknown';
  } else if (pending && !suspended) {
    health = 'Progressing';
    phase = 'Running';
  } else if (readyStatus === 'True') {
    health = 'Healthy';
    phase = 'Succeeded';
  } else if (
    readyStatus === 'False' &&
    !FLUX_PROGRESSING_REASONS.includes(reason ?? '')
  ) {
    health = 'Degraded';
    phase = 'Failed';
  } else {
    health = 'Progressing';
    phase = 'Running';
  }

  let operation: ApplicationOperation | null = null;
  if (phase) {
    operation = { phase };
    const pendingMessage =
      pending && !stalled && !suspended
        ? `the controller has not reconciled generation ${generation} yet`
        : undefined;
    const operationMessage = pendingMessage ?? message;
    if (operationMessage) operation.message = operationMessage;
    if (since) {
      if (phase === 'Running') operation.startedAt = since;
      else operation.finishedAt = since;
    }
  }

  const result: FluxReadiness = {
    suspended,
    health: { status: suspended ? 'Suspended' : health },
    operation,
  };
  if (suspended) {
    result.health.message = `reconciliation is suspended (spec.suspend: true)${
      message ? `; last state: ${message}` : ''
    }`;
  } else if (health !== 'Healthy' && (message || operation?.message)) {
    result.health.message = operation?.message ?? message;
  }
  return result;
}
