import { CompoundEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import {
  ApplicationDetail,
  ApplicationSummary,
  GuidanceResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { ApplicationActions, OperationFollow } from './actions';
import { ExplanationsPanel } from './ExplanationsPanel';
import { RollbackPanel } from './RollbackPanel';

/** What the action buttons need: the entity (for permissions), the detail, and the follower. */
export interface ApplicationActionsContext {
  entityRef: CompoundEntityRef;
  detail: ApplicationDetail;
  follow: OperationFollow;
}

/**
 * The "What is going on" and "Rollback guidance" panels of one application,
 * from the guidance that came with its detail, with the actions the backend
 * accepts for it. A backend that leaves the guidance out (an older one, or
 * guidance turned off) gets a note, not an error, and never breaks the rest
 * of the tab.
 */
export const ApplicationGuidance = (props: {
  app: ApplicationSummary;
  guidance: GuidanceResponse | undefined;
  /** Absent where no actions are offered. */
  actions?: ApplicationActionsContext;
}) => {
  const { app, guidance, actions } = props;
  const buttons = actions?.detail.actions?.length ? (
    <ApplicationActions {...actions} plan={guidance?.rollback} />
  ) : undefined;
  if (!guidance) {
    return (
      <>
        <Alert severity="info" data-testid="gitops-guidance-unavailable">
          Explanations and rollback guidance are not available from this GitOps
          backend.
        </Alert>
        {buttons && <Box mt={2}>{buttons}</Box>}
      </>
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
          actions={buttons}
        />
      </Grid>
    </Grid>
  );
};
