import { Link } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { ApplicationSummary } from '@gitops-guide/backstage-plugin-gitops-common';
import { entityContentRouteRef } from '../../routes';
import { hasFailedSync, useOptionalRouteRef } from '../shared';

function problemOf(app: ApplicationSummary): string | undefined {
  if (hasFailedSync(app)) {
    return 'last sync failed';
  }
  // Degraded after a deploy is when the planner recommends a rollback; the
  // card cannot fetch the plan itself (one request per load), so it points there.
  if (app.health.status === 'Degraded') {
    return 'Degraded, a rollback may be needed';
  }
  return undefined;
}

/** One line pointing at the GitOps tab when a sync failed or an application is degraded. */
export const AttentionHint = (props: {
  applications: ApplicationSummary[];
}) => {
  const tabLink = useOptionalRouteRef(entityContentRouteRef);
  const problems = props.applications.flatMap(app => {
    const problem = problemOf(app);
    return problem ? [`${app.name}: ${problem}`] : [];
  });
  if (problems.length === 0) {
    return null;
  }
  const target = 'explanations and rollback guidance';
  return (
    <Alert
      severity="warning"
      data-testid="gitops-card-hint"
      style={{ marginTop: 8 }}
    >
      {problems.join('; ')} — see{' '}
      {tabLink ? <Link to={tabLink()}>{target}</Link> : target} in the GitOps
      tab.
    </Alert>
  );
};
