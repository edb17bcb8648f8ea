import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import { SourceError } from '@gitops-guide/backstage-plugin-gitops-common';

/**
 * How one source error reads, e.g. "central: no answer after 10s (timeout)".
 * The backend's messages usually name the Argo CD instance or cluster
 * already; the name is only prefixed when they do not.
 */
function describeSourceError(error: SourceError): string {
  const where = [error.instance, error.application]
    .filter((part): part is string => !!part && !error.message.includes(part))
    .join(' / ');
  return `${where ? `${where}: ` : ''}${error.message} (${error.code})`;
}

/** Codes that leave the answer usable: a name found nowhere, a watch showing its last known status. */
const WARNING_CODES: ReadonlySet<SourceError['code']> = new Set([
  'not-found',
  'stale',
]);

/** One alert per instance or application that could not be read; the other rows still show. */
export const SourceErrorList = (props: {
  errors: SourceError[] | undefined;
  /** `warning` for parts missing from an otherwise complete answer. */
  severity?: 'warning';
}) => {
  if (!props.errors?.length) {
    return null;
  }
  return (
    <Box display="flex" flexDirection="column" gridGap={8} mb={2}>
      {props.errors.map(error => (
        <Alert
          key={`${error.instance}/${error.application ?? ''}/${error.code}`}
          severity={
            props.severity ??
            (WARNING_CODES.has(error.code) ? 'warning' : 'error')
          }
        >
          {describeSourceError(error)}
        </Alert>
      ))}
    </Box>
  );
};
