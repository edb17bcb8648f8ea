import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import { ApplicationSummary } from '@gitops-guide/backstage-plugin-gitops-common';

const useStyles = makeStyles(theme => ({
  name: {
    fontWeight: theme.typography.fontWeightMedium as number,
    wordBreak: 'break-word',
  },
  environment: {
    marginRight: theme.spacing(1),
  },
  argoLink: {
    marginLeft: theme.spacing(0.5),
    verticalAlign: 'middle',
  },
}));

/** An application's environment chip, name and Argo CD link, as its table rows show them. */
export const ApplicationName = (props: { app: ApplicationSummary }) => {
  const { app } = props;
  const classes = useStyles();
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap">
      {app.environment && (
        <Chip
          size="small"
          label={app.environment}
          className={classes.environment}
        />
      )}
      <span className={classes.name}>{app.name}</span>
      {app.links.argocd && (
        <Link
          to={app.links.argocd}
          aria-label={`Open ${app.name} in Argo CD`}
          title="Open in Argo CD"
          className={classes.argoLink}
        >
          <OpenInNewIcon fontSize="inherit" />
        </Link>
      )}
    </Box>
  );
};
