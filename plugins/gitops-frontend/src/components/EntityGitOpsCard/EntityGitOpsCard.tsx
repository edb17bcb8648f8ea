import { InfoCard } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import IconButton from '@material-ui/core/IconButton';
import RefreshIcon from '@material-ui/icons/Refresh';
import {
  ARGOCD_ANNOTATION_APP_NAME,
  ARGOCD_ANNOTATION_APP_SELECTOR,
  hasGitOpsAnnotations,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { EntityApplicationsState, useEntityApplications } from '../shared';
import { ApplicationRows } from './ApplicationRows';
import { AttentionHint } from './AttentionHint';

const CardBody = (props: { entity: Entity }) => {
  // The card's whole budget: one request per load, no per-application calls
  // and no polling; with the signals plugin, a change the backend pushes
  // loads the list again, and a read every 20 minutes keeps the page among
  // the viewers the backend pushes to.
  const state = useEntityApplications(props.entity);
  return (
    <InfoCard
      title="GitOps"
      action={
        <IconButton
          aria-label="Refresh GitOps status"
          title="Refresh"
          onClick={state.retry}
          disabled={state.loading}
        >
          <RefreshIcon />
        </IconButton>
      }
    >
      <div data-testid="gitops-card">
        <EntityApplicationsState state={state}>
          <ApplicationRows applications={state.applications} />
          <AttentionHint applications={state.applications} />
        </EntityApplicationsState>
      </div>
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
