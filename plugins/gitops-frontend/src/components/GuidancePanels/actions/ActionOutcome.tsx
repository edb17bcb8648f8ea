import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  ApplicationDetail,
  GitOpsActionResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { actionErrorText } from './actionError';
import { FollowStatus } from './FollowStatus';
import { FollowedAction } from './useFollowOperation';

/**
 * What became of a request sent from the dialog: the backend's message, or
 * the error; for a dry run, that nothing changed and then the result of the
 * operation Argo CD ran, once it ends.
 */
export const ActionOutcome = (props: {
  response: GitOpsActionResponse | undefined;
  error: Error | undefined;
  /** The action the dialog started, while it is followed and after. */
  followed: FollowedAction | undefined;
  now: number;
  detail: ApplicationDetail;
}) => {
  const { response, error, followed, now, detail } = props;
  if (error) {
    const { title, message } = actionErrorText(error, detail);
    return (
      <Alert severity="error" data-testid="gitops-action-outcome">
        <AlertTitle>{title}</AlertTitle>
        {message}
      </Alert>
    );
  }
  if (!response) {
    return null;
  }
  return (
    <div data-testid="gitops-action-outcome">
      {response.dryRun ? (
        <Alert severity="info">
          <AlertTitle>Dry run: nothing was changed</AlertTitle>
          {response.message}
        </Alert>
      ) : (
        <Alert severity="success">{response.message}</Alert>
      )}
      {followed && (
        <Box mt={1} role="status" aria-live="polite">
          <FollowStatus followed={followed} now={now} app={detail} />
        </Box>
      )}
    </div>
  );
};
