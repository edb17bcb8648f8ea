import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { ApplicationSummary } from '@gitops-guide/backstage-plugin-gitops-common';
import { gitOpsApiRef } from '../../api';
import { applicationRef } from '../shared';
import { ExplanationsPanel } from './ExplanationsPanel';
import { RollbackPanel } from './RollbackPanel';

/**
 * True when the backend has no guidance route (an older backend, or guidance
 * turned off): 404 Not Found or 501 Not Implemented.
 */
export function isGuidanceUnavailable(error: unknown): boolean {
  return (
    ResponseError.is(error) &&
    (error.statusCode === 404 || error.statusCode === 501)
  );
}

/**
 * Loads the guidance of one application and shows the "What is going on" and
 * "Rollback guidance" panels. A backend without guidance leaves a note, not an
 * error, and never breaks the rest of the tab.
 */
export const ApplicationGuidance = (props: {
  entityRef: CompoundEntityRef;
  app: ApplicationSummary;
  /** Changes whenever the guidance should be loaded again. */
  reloadKey: string;
}) => {
  const { entityRef, app, reloadKey } = props;
  const api = useApi(gitOpsApiRef);
  const { instance, name, namespace, kind } = app;
  const { value, loading, error } = useAsync(
    () =>
      api.getGuidance(entityRef, applicationRef({ instance, name, namespace, kind })),
    [api, entityRef, instance, name, namespace, kind, reloadKey],
  );

  if (loading && !value) {
    return <Progress />;
  }
  if (error && !value) {
    if (isGuidanceUnavailable(error)) {
      return (
        <Alert severity="info" data-testid="gitops-guidance-unavailable">
          Explanations and rollback guidance are not available from this GitOps
          backend.
        </Alert>
      );
    }
    return (
      <ResponseErrorPanel
        title="Explanations and rollback guidance could not be loaded"
        error={error}
      />
    );
  }
  if (!value) {
    return null;
  }
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} lg={5}>
        <ExplanationsPanel explanations={value.explanations} />
      </Grid>
      <Grid item xs={12} lg={7}>
        <RollbackPanel
          plan={value.rollback}
          source={app.source}
          sources={app.sources}
        />
      </Grid>
    </Grid>
  );
};
