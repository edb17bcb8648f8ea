import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ApplicationDetail,
  GitOpsActionRequest,
  RollbackPlan,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { PlanWarnings } from '../PlanWarnings';
import { RevisionComparison } from '../RevisionComparison';
import { displayName } from './actionText';

function destinationText(detail: ApplicationDetail): string | undefined {
  const { name, server, namespace } = detail.destination;
  const cluster = name ?? server;
  return [cluster, namespace].filter(Boolean).join(' / ') || undefined;
}

/** Where the action lands: the instance or cluster, the namespace, and Argo CD's destination. */
function targetText(detail: ApplicationDetail): string {
  const where =
    detail.sourceKind === 'flux'
      ? `cluster ${detail.instance}, namespace ${detail.namespace}`
      : `Argo CD instance ${detail.instance}, namespace ${detail.namespace}`;
  const destination =
    detail.sourceKind === 'flux' ? undefined : destinationText(detail);
  return `${displayName(detail)} on ${where}${
    destination ? `; deploys to ${destination}` : ''
  }.`;
}

function whatHappens(
  request: GitOpsActionRequest,
  detail: ApplicationDetail,
): string {
  const name = displayName(detail);
  switch (request.action) {
    case 'refresh':
      return `Argo CD compares ${name} in Git with the live state again and updates its sync status. Nothing is deployed.`;
    case 'sync':
      return `Argo CD applies what Git holds at ${
        detail.source?.targetRevision || 'HEAD'
      } to the cluster.`;
    case 'rollback':
      return `Argo CD deploys again what history #${
        request.id
      } deployed, in place of what runs now. Git does not change: ${
        detail.autoSync.enabled
          ? 'auto-sync would bring the suspect revision back'
          : 'the next sync brings the suspect revision back'
      } unless it is reverted in Git.`;
    case 'reconcile':
      return `Flux reconciles ${name} now instead of at its next interval: it applies what its source holds.`;
    case 'suspend':
      return `Flux stops reconciling ${name}: changes in Git are not applied, and drift in the cluster is not corrected, until it is resumed.`;
    case 'resume':
      return `Flux reconciles ${name} again, starting now.`;
    default:
      return '';
  }
}

/**
 * What the action will do, restated before it runs: the target, and for a
 * rollback the revision it goes back to against the suspect one, with the
 * plan's warnings.
 */
export const ActionDescription = (props: {
  request: GitOpsActionRequest;
  detail: ApplicationDetail;
  plan: RollbackPlan | undefined;
}) => {
  const { request, detail, plan } = props;
  return (
    <Box display="flex" flexDirection="column" gridGap={12}>
      <Typography variant="body1">{whatHappens(request, detail)}</Typography>
      <Typography variant="body2" data-testid="gitops-action-target">
        <strong>Target:</strong> {targetText(detail)}
      </Typography>
      {request.action === 'rollback' && plan && (
        <>
          <RevisionComparison
            plan={plan}
            source={detail.source}
            sources={detail.sources}
            testIdPrefix="gitops-action-dialog"
          />
          <PlanWarnings warnings={plan.warnings} />
        </>
      )}
    </Box>
  );
};
