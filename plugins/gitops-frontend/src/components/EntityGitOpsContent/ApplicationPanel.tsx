import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { ApplicationSummary } from '@gitops-guide/backstage-plugin-gitops-common';
import { gitOpsApiRef } from '../../api';
import { ApplicationGuidance } from '../GuidancePanels';
import { applicationRef } from '../shared';
import { ApplicationSummaryDetails } from './ApplicationSummaryDetails';
import { ConditionsList } from './ConditionsList';
import { HistoryTable } from './HistoryTable';
import { ResourcesTable } from './ResourcesTable';

/**
 * The status an application's summary reports. Polling reloads only the
 * list; the detail and guidance of an application (one request) are fetched
 * again when this changes, when Argo CD reconciles, or when the user
 * refreshes.
 */
function statusFingerprint(app: ApplicationSummary): string {
  // Only fields the list and the detail both carry in full; the detail's
  // operation may add `failedResources`, which the list can leave out.
  return JSON.stringify([
    app.sync.status,
    app.sync.revision,
    app.sync.revisions,
    app.health.status,
    app.health.message,
    app.operation?.phase,
    app.operation?.startedAt,
    app.operation?.finishedAt,
    app.conditions.map(c => [c.type, c.message]),
    app.autoSync,
  ]);
}

/** Everything the tab shows about one application. */
export const ApplicationPanel = (props: {
  entityRef: CompoundEntityRef;
  app: ApplicationSummary;
  /** Increments on every explicit refresh. */
  refreshCount: number;
}) => {
  const { entityRef, app, refreshCount } = props;
  const api = useApi(gitOpsApiRef);
  const { instance, name, namespace, kind } = app;
  const reloadKey = `${refreshCount}:${app.reconciledAt}:${statusFingerprint(
    app,
  )}`;
  const detail = useAsync(
    () =>
      api.getApplicationWithGuidance(
        entityRef,
        applicationRef({ instance, name, namespace, kind }),
      ),
    [api, entityRef, instance, name, namespace, kind, reloadKey],
  );
  // While a reload is in flight the previous detail stays on screen.
  const shown = detail.value;
  // The list is polled more often than the detail is reloaded: the summary
  // comes from the detail only while both agree, otherwise from the list.
  const current =
    shown && statusFingerprint(shown) === statusFingerprint(app) ? shown : app;

  const subheader = [
    app.environment && `environment ${app.environment}`,
    `instance ${app.instance}`,
    app.project && `project ${app.project}`,
    app.namespace && `namespace ${app.namespace}`,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <section
      aria-label={`Argo CD application ${app.name}`}
      data-testid={`gitops-application-${app.instance}/${app.namespace}/${app.name}`}
    >
      <InfoCard title={app.name} subheader={subheader}>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <ApplicationSummaryDetails app={current} />
          </Grid>
          <Grid item xs={12} md={6}>
            <Typography variant="h6" gutterBottom>
              Conditions
            </Typography>
            <ConditionsList
              conditions={current.conditions}
              operation={current.operation}
            />
          </Grid>
          {!shown && detail.loading && (
            <Grid item xs={12}>
              <Progress />
            </Grid>
          )}
          {!shown && detail.error && (
            <Grid item xs={12}>
              <ResponseErrorPanel
                title={`The guidance, resources and history of ${app.name} could not be loaded`}
                error={detail.error}
              />
            </Grid>
          )}
          {shown && (
            <>
              <Grid item xs={12}>
                <ApplicationGuidance app={app} guidance={shown.guidance} />
              </Grid>
              <Grid item xs={12}>
                <ResourcesTable
                  resources={shown.resources}
                  counts={shown.resourceCounts ?? {}}
                />
              </Grid>
              <Grid item xs={12}>
                <HistoryTable
                  history={shown.history}
                  source={shown.source}
                  sources={shown.sources}
                />
              </Grid>
            </>
          )}
        </Grid>
      </InfoCard>
    </section>
  );
};
