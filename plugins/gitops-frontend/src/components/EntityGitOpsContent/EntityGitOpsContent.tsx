import { useCallback, useMemo, useState } from 'react';
import {
  Content,
  ContentHeader,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { hasGitOpsAnnotations } from '@gitops-guide/backstage-plugin-gitops-common';
import { gitOpsApiRef } from '../../api';
import {
  SourceErrorList,
  applicationKey,
  sortByEnvironment,
  usePollIntervalMs,
  usePolling,
} from '../shared';
import { AnnotationsHelp } from './AnnotationsHelp';
import { ApplicationPanel } from './ApplicationPanel';

const GitOpsTab = (props: { entity: Entity }) => {
  const api = useApi(gitOpsApiRef);
  const pollIntervalMs = usePollIntervalMs();
  const entityRef = useMemo(
    () => getCompoundEntityRef(props.entity),
    [props.entity],
  );
  const [refreshCount, setRefreshCount] = useState(0);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getApplications(entityRef),
    [api, entityRef],
  );
  usePolling(retry, pollIntervalMs);

  const refresh = useCallback(() => {
    retry();
    setRefreshCount(count => count + 1);
  }, [retry]);

  const applications = useMemo(
    () => sortByEnvironment(value?.applications ?? []),
    [value],
  );

  let body;
  if (loading && !value) {
    body = <Progress />;
  } else if (error && !value) {
    body = <ResponseErrorPanel error={error} />;
  } else {
    body = (
      <>
        {error && (
          <Box mb={2}>
            <ResponseErrorPanel
              title="Refreshing failed; showing the last status"
              error={error}
            />
          </Box>
        )}
        <SourceErrorList errors={value?.errors} />
        {applications.length === 0 && !value?.errors.length && (
          <Typography variant="body1">
            No Argo CD application matches this entity's annotations.
          </Typography>
        )}
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
      </>
    );
  }

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
      {body}
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
