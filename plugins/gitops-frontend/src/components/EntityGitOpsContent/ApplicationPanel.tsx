import { useEffect } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { CompoundEntityRef } from '@backstage/catalog-model';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  ApplicationSummary,
  RollbackPlan,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { ApplicationGuidance, useFollowOperation } from '../GuidancePanels';
import { applicationKey, SourceErrorList } from '../shared';
import { ApplicationPanelHeading } from './ApplicationPanelHeading';
import { ApplicationSummaryDetails } from './ApplicationSummaryDetails';
import { ConditionsList } from './ConditionsList';
import { HistoryTable } from './HistoryTable';
import { ResourcesTable } from './ResourcesTable';
import { useApplicationDetail } from './useApplicationDetail';

/** The DOM id of an application's panel, for deep links and scrolling. */
export function panelId(app: ApplicationSummary): string {
  return `gitops-app-${applicationKey(app)}`;
}

/** What the application is, for the panel's accessible name. */
function panelLabel(app: ApplicationSummary): string {
  return app.kind && app.kind !== 'Application'
    ? `Flux ${app.kind}`
    : 'Argo CD application';
}

/**
 * The open panel's content. Mounted only while the panel is open, so a
 * closed (healthy) application costs no detail request.
 */
const ApplicationPanelBody = (props: {
  entityRef: CompoundEntityRef;
  app: ApplicationSummary;
  refreshCount: number;
  pushedChanges: number;
  onPlan: (app: ApplicationSummary, plan: RollbackPlan | undefined) => void;
  onActionEnded?: () => void;
}) => {
  const { entityRef, app, refreshCount, pushedChanges, onPlan, onActionEnded } =
    props;
  const { detail, shown, current, reload } = useApplicationDetail(
    entityRef,
    app,
    refreshCount,
    pushedChanges,
  );
  const follow = useFollowOperation({
    detail: shown,
    loading: detail.loading,
    reload,
    onEnd: onActionEnded,
  });
  // While an action is followed, the detail is read more often than the list.
  const summary = follow.running && shown ? shown : current;
  const plan = shown?.guidance?.rollback;
  useEffect(() => onPlan(app, plan), [app, plan, onPlan]);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <ApplicationSummaryDetails app={summary} />
      </Grid>
      <Grid item xs={12} md={6}>
        <Typography variant="h6" component="h4" gutterBottom>
          Conditions
        </Typography>
        <ConditionsList
          conditions={summary.conditions}
          operation={summary.operation}
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
            <ApplicationGuidance
              app={summary}
              guidance={shown.guidance}
              actions={{ entityRef, detail: shown, follow }}
            />
          </Grid>
          <Grid item xs={12}>
            <ResourcesTable
              resources={shown.resources}
              counts={shown.resourceCounts ?? {}}
            />
          </Grid>
          {shown.errors?.length ? (
            <Grid item xs={12}>
              <SourceErrorList errors={shown.errors} severity="warning" />
            </Grid>
          ) : null}
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
  );
};

/**
 * One application on the tab: a heading with its status and what to do,
 * opening to its summary, conditions, explanations, rollback guidance,
 * unhealthy resources and history.
 */
export const ApplicationPanel = (props: {
  entityRef: CompoundEntityRef;
  app: ApplicationSummary;
  /** Increments on every explicit refresh. */
  refreshCount: number;
  /** Increments with every change the backend pushed for this application. */
  pushedChanges: number;
  expanded: boolean;
  onExpandedChange: (app: ApplicationSummary, expanded: boolean) => void;
  onPlan: (app: ApplicationSummary, plan: RollbackPlan | undefined) => void;
  plan: RollbackPlan | undefined;
  /** After an action taken from the panel ended: the entity's applications changed. */
  onActionEnded?: () => void;
}) => {
  const { app, expanded, onExpandedChange, plan } = props;
  const id = panelId(app);
  return (
    <Accordion
      id={id}
      component="section"
      aria-label={`${panelLabel(app)} ${app.name}`}
      expanded={expanded}
      onChange={(_event, next) => onExpandedChange(app, next)}
      TransitionProps={{ unmountOnExit: true }}
      data-testid={`gitops-application-${app.instance}/${app.namespace}/${app.name}`}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={`${id}-content`}
        id={`${id}-summary`}
      >
        <ApplicationPanelHeading app={app} plan={plan} />
      </AccordionSummary>
      <AccordionDetails id={`${id}-content`}>
        <ApplicationPanelBody {...props} />
      </AccordionDetails>
    </Accordion>
  );
};
