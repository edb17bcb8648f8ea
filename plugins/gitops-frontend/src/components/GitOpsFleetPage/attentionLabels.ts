import type { AttentionLevel } from '@gitops-guide/backstage-plugin-gitops-common';

/** How each attention level reads on the fleet page. */
export const ATTENTION_LABELS: Record<AttentionLevel, string> = {
  failed: 'Sync failed',
  degraded: 'Degraded',
  'out-of-sync': 'Out of sync',
  progressing: 'Progressing',
  suspended: 'Suspended',
  unknown: 'Unknown',
  healthy: 'Healthy',
};
