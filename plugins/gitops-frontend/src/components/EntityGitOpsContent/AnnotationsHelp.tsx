import { CodeSnippet, EmptyState } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ARGOCD_ANNOTATION_APP_NAME,
  ARGOCD_ANNOTATION_APP_SELECTOR,
} from '@gitops-guide/backstage-plugin-gitops-common';

function exampleYaml(entity: Entity): string {
  const name = entity.metadata.name;
  return `metadata:
  annotations:
    # One or more Argo CD applications, comma-separated:
    ${ARGOCD_ANNOTATION_APP_NAME}: ${name}-dev,${name}-prod
    # …or every application that matches a label selector:
    # ${ARGOCD_ANNOTATION_APP_SELECTOR}: app.kubernetes.io/part-of=${name}`;
}

/** The tab's empty state: how to point an entity at its Argo CD applications. */
export const AnnotationsHelp = (props: { entity: Entity }) => (
  <EmptyState
    missing="field"
    title="No GitOps annotations"
    description={`Add ${ARGOCD_ANNOTATION_APP_NAME} or ${ARGOCD_ANNOTATION_APP_SELECTOR} to this entity's catalog-info.yaml to see its Argo CD applications here.`}
    action={
      <Box maxWidth={720}>
        <Typography variant="body1" gutterBottom>
          Here is how to add them:
        </Typography>
        <CodeSnippet language="yaml" text={exampleYaml(props.entity)} />
      </Box>
    }
  />
);
