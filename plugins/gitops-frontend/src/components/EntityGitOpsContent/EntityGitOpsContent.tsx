import { useCallback, useState } from 'react';
import { Content, ContentHeader } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import RefreshIcon from '@material-ui/icons/Refresh';
import { hasGitOpsAnnotations } from '@gitops-guide/backstage-plugin-gitops-common';
import {
  EntityApplicationsState,
  applicationKey,
  useEntityApplications,
} from '../shared';
import { AnnotationsHelp } from './AnnotationsHelp';
import { ApplicationPanel } from './ApplicationPanel';

const GitOpsTab = (props: { entity: Entity }) => {
  const state = useEntityApplications(props.entity, { poll: true });
  const { entityRef, applications, loading, retry, pollIntervalMs } = state;
  const [refreshCount, setRefreshCount] = useState(0);

  const refresh = useCallback(() => {
    retry();
    setRefreshCount(count => count + 1);
  }, [retry]);

  return (
    <Content>
      <ContentHeader
        title="GitOps"
        description={
          pollIntervalMs
            ? `Updates every ${Math.round(
                pollIntervalMs / 1000,
              )} s while this page is visible`
            : undefined
        }
      >
        <Button
          variant="outlined"
          color="primary"
          startIcon={<RefreshIcon />}
          onClick={refresh}
          disabled={loading}
        >
          Refresh
        </Button>
      </ContentHeader>
      <EntityApplicationsState state={state}>
        <Box display="flex" flexDirection="column" gridGap={24}>
          {applications.map(app => (
            <ApplicationPanel
              key={applicationKey(app)}
              entityRef={entityRef}
              app={app}
              refreshCount={refreshCount}
            />
          ))}
        </Box>
      </EntityApplicationsState>
    </Content>
  );
};

/**
 * Entity tab: per application (dev → staging → prod) the summary, conditions,
 * explanations, rollback guidance, unhealthy resources and history. Polls
 * every `gitops.frontend.pollIntervalSeconds` while the page is visible.
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
