import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ApplicationCondition,
  ApplicationOperation,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { RelativeTime } from '../shared';

/** Argo CD condition types end in `Error` or `Warning`; anything else is informational. */
function severityOf(type: string): 'error' | 'warning' | 'info' {
  if (/Error$/.test(type)) {
    return 'error';
  }
  if (/Warning$/.test(type)) {
    return 'warning';
  }
  return 'info';
}

/**
 * The application's conditions with their messages, and the resources or
 * hooks that failed in the last operation.
 */
export const ConditionsList = (props: {
  conditions: ApplicationCondition[];
  operation: ApplicationOperation | null;
}) => {
  const failed = props.operation?.failedResources ?? [];
  if (props.conditions.length === 0 && failed.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No conditions reported.
      </Typography>
    );
  }
  return (
    <Box
      display="flex"
      flexDirection="column"
      gridGap={8}
      data-testid="gitops-conditions"
    >
      {props.conditions.map((condition, i) => (
        <Alert
          key={`${i}:${condition.type}`}
          severity={severityOf(condition.type)}
        >
          <strong>{condition.type}</strong>
          {condition.reason ? ` (${condition.reason})` : ''}:{' '}
          {condition.message}
          {condition.lastTransitionTime && (
            // The alert's own text colour: textSecondary on its tint falls below AA contrast.
            <Typography variant="caption" component="div">
              <RelativeTime value={condition.lastTransitionTime} />
            </Typography>
          )}
        </Alert>
      ))}
      {failed.map((resource, i) => (
        <Alert
          key={`failed:${i}:${resource.kind}/${resource.name}`}
          severity="error"
        >
          <strong>
            {resource.hookType ? `${resource.hookType} hook ` : ''}
            {resource.kind} {resource.namespace ? `${resource.namespace}/` : ''}
            {resource.name}
          </strong>
          {` ${resource.hookPhase ?? resource.status ?? 'failed'}`}
          {resource.message ? `: ${resource.message}` : ''}
        </Alert>
      ))}
    </Box>
  );
};
