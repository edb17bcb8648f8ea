import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { CompoundEntityRef } from '@backstage/catalog-model';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  ApplicationDetailWithGuidance,
  ApplicationSummary,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { ApplicationGuidance } from '../GuidancePanels';
import { ApplicationSummaryDetails } from './ApplicationSummaryDetails';
import { ConditionsList } from './ConditionsList';
import { HistoryTable } from './HistoryTable';
import { ResourcesTable } from './ResourcesTable';
import { useApplicationDetail } from './useApplicationDetail';

/** Where the application runs, for the card's subheader. */
function applicationSubheader(app: ApplicationSummary): string {
  return [
    app.environment && `environment ${app.environment}`,
    `instance ${app.instance}`,
    app.project && `project ${app.project}`,
    app.namespace && `namespace ${app.namespace}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The grid items that need the application's detail; until the first detail
 * arrives, its progress or error instead.
 */
const ApplicationDetailItems = (props: {
  app: ApplicationSummary;
  shown?: ApplicationDetailWithGuidance;
  loading: boolean;
  error?: Error;
}) => {
  const { app, shown, loading, error } = props;
  return (
    <>
      {!shown && loading && (
        <Grid item xs={12}>
          <Progress />
        </Grid>
      )}
      {!shown && error && (
        <Grid item xs={12}>
          <ResponseErrorPanel
            title={`The guidance, resources and history of ${app.name} could not be loaded`}
            error={error}
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
    </>
  );
};

/** Everything the tab shows about one application. */
export const ApplicationPanel = (props: {
  entityRef: CompoundEntityRef;
  app: ApplicationSummary;
  /** Increments on every explicit refresh. */
  refreshCount: number;
}) => {
  const { entityRef, app, refreshCount } = props;
  const { detail, shown, current } = useApplicationDetail(
    entityRef,
    app,
    refreshCount,
  );

  return (
    <section
      aria-label={`Argo CD application ${app.name}`}
      data-testid={`gitops-application-${app.instance}/${app.namespace}/${app.name}`}
    >
      <InfoCard title={app.name} subheader={applicationSubheader(app)}>
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
          <ApplicationDetailItems
            app={app}
            shown={shown}
            loading={detail.loading}
            error={detail.error}
          />
        </Grid>
      </InfoCard>
    </section>
  );
};
