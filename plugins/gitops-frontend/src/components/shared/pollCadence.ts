import {
  ApplicationSummary,
  attentionOf,
  isOperationInProgress,
} from '@gitops-guide/backstage-plugin-gitops-common';

/** The interval while a sync or rollout runs, when the configured one is longer. */
export const ACTIVE_POLL_INTERVAL_MS = 5_000;

/** How often to poll, and why. */
export interface PollCadence {
  intervalMs: number;
  /**
   * `active`: a sync or rollout is running, so changes are expected soon;
   * `calm`: every application is synced and healthy; `steady` otherwise.
   */
  pace: 'active' | 'steady' | 'calm';
}

/**
 * Polls faster while an operation is Running or health is Progressing (at
 * most every {@link ACTIVE_POLL_INTERVAL_MS}), at the configured interval
 * while something else needs attention, and at twice it when all is well.
 * Undefined when polling is off.
 */
export function pollCadence(
  applications: ApplicationSummary[],
  configuredMs: number | undefined,
): PollCadence | undefined {
  if (!configuredMs) {
    return undefined;
  }
  const active = applications.some(
    app =>
      app.health.status === 'Progressing' ||
      isOperationInProgress(app.operation?.phase),
  );
  if (active) {
    return {
      intervalMs: Math.min(configuredMs, ACTIVE_POLL_INTERVAL_MS),
      pace: 'active',
    };
  }
  const levels = applications.map(app => attentionOf(app));
  if (levels.length > 0 && levels.every(level => level === 'healthy')) {
    return { intervalMs: configuredMs * 2, pace: 'calm' };
  }
  return { intervalMs: configuredMs, pace: 'steady' };
}
