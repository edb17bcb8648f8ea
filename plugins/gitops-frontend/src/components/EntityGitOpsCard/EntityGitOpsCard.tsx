import { useMemo } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  ARGOCD_ANNOTATION_APP_NAME,
  ARGOCD_ANNOTATION_APP_SELECTOR,
  hasGitOpsAnnotations,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { gitOpsApiRef } from '../../api';
import { SourceErrorList, sortByEnvironment } from '../shared';
import { ApplicationRows } from './ApplicationRows';
import { AttentionHint } from './AttentionHint';

const CardBody = (props: { entity: Entity }) => {
  const api = useApi(gitOpsApiRef);
  const entityRef = useMemo(
    () => getCompoundEntityRef(props.entity),
    [props.entity],
  );
  // The card's whole budget: one request per load, no per-application calls.
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getApplications(entityRef),
    [api, entityRef],
  );
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
        <SourceErrorList errors={value?.errors} />
        {applications.length > 0 ? (
          <>
            <ApplicationRows applications={applications} />
            <AttentionHint applications={applications} />
          </>
        ) : (
          !value?.errors.length && (
            <Typography variant="body2" color="textSecondary">
              No Argo CD application matches this entity's annotations.
            </Typography>
          )
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="GitOps"
      action={
        <IconButton
          aria-label="Refresh GitOps status"
          title="Refresh"
          onClick={retry}
          disabled={loading}
        >
          <RefreshIcon />
        </IconButton>
      }
    >
      <div data-testid="gitops-card">{body}</div>
    </InfoCard>
  );
};

/**
 * Overview card: per application (dev → staging → prod), Argo CD's sync and
 * health, the last operation, the synced revision and links to the commit and
 * to Argo CD. Errors of one instance show inline; the other rows still render.
 */
export const EntityGitOpsCard = () => {
  const { entity } = useEntity();
  if (!hasGitOpsAnnotations(entity)) {
    return (
      <InfoCard title="GitOps">
        <MissingAnnotationEmptyState
          annotation={[
            ARGOCD_ANNOTATION_APP_NAME,
            ARGOCD_ANNOTATION_APP_SELECTOR,
          ]}
        />
      </InfoCard>
    );
  }
  return <CardBody entity={entity} />;
};
