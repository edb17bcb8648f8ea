import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ApplicationSummary,
  RollbackPlan,
  attentionLine,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { HealthStatusLabel, SyncStatusLabel } from '../shared';

/** Where the application runs. */
function whereItRuns(app: ApplicationSummary): string {
  return [
    app.environment && `environment ${app.environment}`,
    `instance ${app.instance}`,
    app.project && `project ${app.project}`,
    app.namespace && `namespace ${app.namespace}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A panel's always-visible heading: name, sync, health, where, and what to do. */
export const ApplicationPanelHeading = (props: {
  app: ApplicationSummary;
  plan: RollbackPlan | undefined;
}) => {
  const { app, plan } = props;
  return (
    <Box display="flex" flexDirection="column" gridGap={4} minWidth={0}>
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={16}>
        <Typography
          variant="h6"
          component="h3"
          style={{ overflowWrap: 'anywhere' }}
        >
          {app.name}
        </Typography>
        <SyncStatusLabel status={app.sync.status} />
        <HealthStatusLabel status={app.health.status} />
      </Box>
      <Typography variant="body2" color="textSecondary">
        {whereItRuns(app)}
      </Typography>
      <Typography variant="body2">{attentionLine(app, plan)}</Typography>
    </Box>
  );
};
