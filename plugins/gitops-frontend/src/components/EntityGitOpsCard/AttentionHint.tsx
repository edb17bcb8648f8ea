import { Link } from '@backstage/core-components';
import Alert, { Color } from '@material-ui/lab/Alert';
import {
  ApplicationSummary,
  AttentionLevel,
  attentionLine,
  attentionOf,
  needsAttention,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { entityContentRouteRef } from '../../routes';
import { applicationParam, useOptionalRouteRef } from '../shared';

const SEVERITY: Record<AttentionLevel, Color> = {
  failed: 'error',
  degraded: 'error',
  'out-of-sync': 'warning',
  unknown: 'warning',
  progressing: 'info',
  suspended: 'info',
  healthy: 'success',
};

/**
 * Names the application that needs attention most (the list comes ordered
 * by attention) with what is wrong and what to do, and links to its panel
 * on the GitOps tab. The card has summaries only (one request per load), so
 * the advice comes from the status, not from the rollback planner.
 */
export const AttentionHint = (props: {
  applications: ApplicationSummary[];
}) => {
  const tabLink = useOptionalRouteRef(entityContentRouteRef);
  const needing = props.applications.filter(app => needsAttention(app));
  if (needing.length === 0) {
    return null;
  }
  const [worst] = needing;
  const others = needing.length - 1;
  const target = `Open ${worst.name} on the GitOps tab`;
  return (
    <Alert
      severity={SEVERITY[attentionOf(worst)]}
      data-testid="gitops-card-hint"
      style={{ marginTop: 8 }}
    >
      <strong>{worst.name}</strong>: {attentionLine(worst)}
      {others > 0 &&
        ` (and ${others} more application${others > 1 ? 's' : ''})`}
      .{' '}
      {tabLink ? (
        // Underlined: a link inside a sentence must not rely on colour alone.
        <Link
          to={`${tabLink()}?${new URLSearchParams({
            app: applicationParam(worst),
          })}`}
          underline="always"
        >
          {target}
        </Link>
      ) : (
        'See the GitOps tab.'
      )}
    </Alert>
  );
};
