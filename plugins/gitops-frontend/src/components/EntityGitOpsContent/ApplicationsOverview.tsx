import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import {
  ApplicationSummary,
  RollbackPlan,
  attentionLine,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { ApplicationStatusCells, applicationKey } from '../shared';

const useStyles = makeStyles(theme => ({
  name: {
    textTransform: 'none',
    textAlign: 'left',
    fontWeight: theme.typography.fontWeightMedium as number,
    overflowWrap: 'anywhere',
  },
  nowrap: {
    whiteSpace: 'nowrap',
  },
  // Below md (a tablet, a narrow window) the panel shows these; the row
  // keeps what says whether to act.
  wide: {
    whiteSpace: 'nowrap',
    [theme.breakpoints.down('sm')]: {
      display: 'none',
    },
  },
  line: {
    minWidth: 220,
  },
}));

const OverviewRow = (props: {
  app: ApplicationSummary;
  plan: RollbackPlan | undefined;
  onOpen: (app: ApplicationSummary) => void;
}) => {
  const { app, plan, onOpen } = props;
  const classes = useStyles();
  return (
    <TableRow data-testid={`gitops-overview-row-${applicationKey(app)}`}>
      <TableCell className={classes.nowrap}>{app.environment ?? '—'}</TableCell>
      <TableCell>
        <Button
          size="small"
          color="primary"
          className={classes.name}
          onClick={() => onOpen(app)}
          aria-label={`Show ${app.name}`}
        >
          {app.name}
        </Button>
      </TableCell>
      <TableCell className={classes.wide}>{app.instance}</TableCell>
      <ApplicationStatusCells app={app} detailClassName={classes.wide} />
      <TableCell className={classes.line} data-testid="gitops-overview-line">
        {attentionLine(app, plan)}
      </TableCell>
    </TableRow>
  );
};

/**
 * One row per application, those that need attention first, each saying
 * what is wrong and what to do. A row's name opens its panel below. The
 * rollback plan of an application whose panel has loaded its detail turns
 * "check the unhealthy resources" into the planned rollback target.
 */
export const ApplicationsOverview = (props: {
  applications: ApplicationSummary[];
  plans: Record<string, RollbackPlan | undefined>;
  onOpen: (app: ApplicationSummary) => void;
}) => {
  const { applications, plans, onOpen } = props;
  const classes = useStyles();
  return (
    <TableContainer component={Paper} data-testid="gitops-overview">
      <Table
        size="small"
        aria-label="Applications, those needing attention first"
      >
        <TableHead>
          <TableRow>
            <TableCell className={classes.nowrap}>Environment</TableCell>
            <TableCell>Application</TableCell>
            <TableCell className={classes.wide}>Instance</TableCell>
            <TableCell>Sync</TableCell>
            <TableCell>Health</TableCell>
            <TableCell className={classes.wide}>Last operation</TableCell>
            <TableCell className={classes.wide}>Revision</TableCell>
            <TableCell>What to do</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {applications.map(app => (
            <OverviewRow
              key={applicationKey(app)}
              app={app}
              plan={plans[applicationKey(app)]}
              onOpen={onOpen}
            />
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};
