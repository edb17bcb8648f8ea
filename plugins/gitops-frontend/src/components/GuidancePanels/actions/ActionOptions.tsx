import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Alert from '@material-ui/lab/Alert';
import { GitOpsActionRequest } from '@gitops-guide/backstage-plugin-gitops-common';

const Option = (props: {
  label: string;
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
}) => (
  <FormControlLabel
    label={props.label}
    disabled={props.disabled}
    control={
      <Checkbox
        color="primary"
        checked={props.checked}
        onChange={event => props.onChange(event.target.checked)}
      />
    }
  />
);

/** The options of an action, every one off by default. */
export const ActionOptions = (props: {
  request: GitOpsActionRequest;
  onChange: (request: GitOpsActionRequest) => void;
  disabled: boolean;
}) => {
  const { request, onChange, disabled } = props;
  switch (request.action) {
    case 'refresh':
      return (
        <Option
          label="Hard refresh: also drop Argo CD's cached manifests (slower)"
          checked={Boolean(request.hard)}
          disabled={disabled}
          onChange={hard => onChange({ ...request, hard })}
        />
      );
    case 'sync':
    case 'rollback':
      return (
        <>
          <Option
            label="Prune: delete the live resources that Git does not define at that revision"
            checked={Boolean(request.prune)}
            disabled={disabled}
            onChange={prune => onChange({ ...request, prune })}
          />
          {request.prune && (
            <Box mt={1}>
              <Alert
                severity="warning"
                data-testid="gitops-action-prune-warning"
              >
                Prune deletes the live resources, and the data they hold, that
                the
                {request.action === 'rollback'
                  ? ' revision rolled back to'
                  : ' target revision'}{' '}
                does not define, such as resources added since.
              </Alert>
            </Box>
          )}
        </>
      );
    case 'reconcile':
      return (
        <Option
          label="Also reconcile the source (GitRepository, HelmRepository, …) first"
          checked={Boolean(request.withSource)}
          disabled={disabled}
          onChange={withSource => onChange({ ...request, withSource })}
        />
      );
    default:
      return null;
  }
};
