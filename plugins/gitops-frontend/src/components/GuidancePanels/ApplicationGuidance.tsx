import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import {
  ApplicationSummary,
  GuidanceResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { ExplanationsPanel } from './ExplanationsPanel';
import { RollbackPanel } from './RollbackPanel';

/**
 * The "What is going on" and "Rollback guidance" panels of one application,
 * from the guidance that came with its detail. A backend that leaves the
 * guidance out (an older one, or guidance turned off) gets a note, not an
 * error, and never breaks the rest of the tab.
 */
export const ApplicationGuidance = (props: {
  app: ApplicationSummary;
  guidance: GuidanceResponse | undefined;
}) => {
  const { app, guidance } = props;
  if (!guidance) {
    return (
      <Alert severity="info" data-testid="gitops-guidance-unavailable">
        Explanations and rollback guidance are not available from this GitOps
        backend.
      </Alert>
    );
  }
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} lg={5}>
        <ExplanationsPanel app={app} explanations={guidance.explanations} />
      </Grid>
      <Grid item xs={12} lg={7}>
        <RollbackPanel
          plan={guidance.rollback}
          source={app.source}
          sources={app.sources}
        />
      </Grid>
    </Grid>
  );
};
