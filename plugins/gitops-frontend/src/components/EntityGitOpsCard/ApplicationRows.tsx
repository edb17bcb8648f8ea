import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import { ApplicationSummary } from '@gitops-guide/backstage-plugin-gitops-common';
import { ApplicationStatusCells, applicationKey } from '../shared';

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

const ApplicationRow = (props: {
  app: ApplicationSummary;
  showInstance: boolean;
}) => {
  const { app, showInstance } = props;
  const classes = useStyles();
  return (
    <TableRow data-testid={`gitops-row-${applicationKey(app)}`}>
      <TableCell>
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
        {showInstance && (
          <Typography variant="caption" color="textSecondary">
            {app.instance}
          </Typography>
        )}
      </TableCell>
      <ApplicationStatusCells app={app} />
    </TableRow>
  );
};

/** The card's table: one row per application. */
export const ApplicationRows = (props: {
  applications: ApplicationSummary[];
}) => {
  const instances = new Set(props.applications.map(app => app.instance));
  return (
    <Table size="small" aria-label="Argo CD applications">
      <TableHead>
        <TableRow>
          <TableCell>Application</TableCell>
          <TableCell>Sync</TableCell>
          <TableCell>Health</TableCell>
          <TableCell>Last sync</TableCell>
          <TableCell>Revision</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.applications.map(app => (
          <ApplicationRow
            key={applicationKey(app)}
            app={app}
            showInstance={instances.size > 1}
          />
        ))}
      </TableBody>
    </Table>
  );
};
