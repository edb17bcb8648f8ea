import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import { SourceError } from '@gitops-guide/backstage-plugin-gitops-common';

/** How one source error reads, e.g. "Argo CD instance central: timeout — no answer after 10s". */
export function describeSourceError(error: SourceError): string {
  const where = error.application
    ? `Argo CD instance ${error.instance}, application ${error.application}`
    : `Argo CD instance ${error.instance}`;
  return `${where}: ${error.code} — ${error.message}`;
}

/** One alert per instance or application that could not be read; the other rows still show. */
export const SourceErrorList = (props: {
  errors: SourceError[] | undefined;
}) => {
  if (!props.errors?.length) {
    return null;
  }
  return (
    <Box display="flex" flexDirection="column" gridGap={8} mb={2}>
      {props.errors.map(error => (
        <Alert
          key={`${error.instance}/${error.application ?? ''}/${error.code}`}
          severity={error.code === 'not-found' ? 'warning' : 'error'}
        >
          {describeSourceError(error)}
        </Alert>
      ))}
    </Box>
  );
};
