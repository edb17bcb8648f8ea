import { ReactNode } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { SourceErrorList } from './SourceErrorList';
import { EntityApplications } from './useEntityApplications';

/**
 * What the card and the tab show around the applications: progress on the
 * first load, the error when nothing loaded, and otherwise `children` under
 * the errors of single instances and a failed refresh, or a note when no
 * application matches.
 */
export const EntityApplicationsState = (props: {
  state: EntityApplications;
  children: ReactNode;
}) => {
  const { response, applications, loading, error } = props.state;
  if (loading && !response) {
    return <Progress />;
  }
  if (error && !response) {
    return <ResponseErrorPanel error={error} />;
  }
  return (
    <>
      {error && (
        <Box mb={2}>
          <ResponseErrorPanel
            title="Refreshing failed; showing the last status"
            error={error}
          />
        </Box>
      )}
      <SourceErrorList errors={response?.errors} />
      {applications.length > 0
        ? props.children
        : !response?.errors.length && (
            <Typography variant="body2" color="textSecondary">
              No Argo CD application matches this entity's annotations.
            </Typography>
          )}
    </>
  );
};
