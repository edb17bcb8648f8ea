import { Content, ContentHeader } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import RefreshIcon from '@material-ui/icons/Refresh';
import { hasGitOpsAnnotations } from '@gitops-guide/backstage-plugin-gitops-common';
import {
  EntityApplicationsState,
  PollCadence,
  applicationKey,
  useEntityApplications,
} from '../shared';
import { AnnotationsHelp } from './AnnotationsHelp';
import { ApplicationPanel } from './ApplicationPanel';
import { ApplicationsOverview } from './ApplicationsOverview';
import { useGitOpsTab } from './useGitOpsTab';

function cadenceText(cadence: PollCadence | undefined): string | undefined {
  if (!cadence) return undefined;
  const seconds = Math.round(cadence.intervalMs / 1000);
  const when = {
    active: 'while a sync or rollout runs',
    steady: 'while this page is visible',
    calm: 'while all is synced and healthy',
  }[cadence.pace];
  return `Updates every ${seconds} s ${when}; paused while the page is hidden`;
}

const GitOpsTab = (props: { entity: Entity }) => {
  const state = useEntityApplications(props.entity, { poll: true });
  const { entityRef, applications, loading, cadence } = state;
  const tab = useGitOpsTab(state);

  return (
    <Content>
      <ContentHeader title="GitOps" description={cadenceText(cadence)}>
        <Button
          variant="outlined"
          color="primary"
          startIcon={<RefreshIcon />}
          onClick={tab.refresh}
          disabled={loading}
          title="Read the status again from Argo CD and the clusters"
        >
          Refresh
        </Button>
      </ContentHeader>
      <EntityApplicationsState state={state}>
        <Box display="flex" flexDirection="column" gridGap={24}>
          <ApplicationsOverview
            applications={applications}
            plans={tab.plans}
            onOpen={tab.open}
          />
          <div>
            {applications.map(app => (
              <ApplicationPanel
                key={applicationKey(app)}
                entityRef={entityRef}
                app={app}
                refreshCount={tab.refreshCount}
                pushedChanges={state.pushedChanges[applicationKey(app)] ?? 0}
                expanded={tab.expanded.isExpanded(app)}
                onExpandedChange={tab.expanded.setExpanded}
                onPlan={tab.setPlan}
                plan={tab.plans[applicationKey(app)]}
                onActionEnded={state.refresh}
              />
            ))}
          </div>
        </Box>
      </EntityApplicationsState>
    </Content>
  );
};

/**
 * Entity tab: an overview of the entity's applications, those that need
 * attention first, then one panel per application (open when it needs
 * attention or `?app=<instance>/<name>` names it) with the summary,
 * conditions, explanations, rollback guidance, unhealthy resources and
 * history. Polls while the page is visible, faster while a sync runs.
 */
export const EntityGitOpsContent = () => {
  const { entity } = useEntity();
  if (!hasGitOpsAnnotations(entity)) {
    return (
      <Content>
        <AnnotationsHelp entity={entity} />
      </Content>
    );
  }
  return <GitOpsTab entity={entity} />;
};
