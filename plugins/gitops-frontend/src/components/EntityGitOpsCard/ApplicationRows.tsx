import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ApplicationSummary } from '@gitops-guide/backstage-plugin-gitops-common';
import {
  ApplicationName,
  ApplicationStatusCells,
  applicationKey,
} from '../shared';

const ApplicationRow = (props: {
  app: ApplicationSummary;
  showInstance: boolean;
}) => {
  const { app, showInstance } = props;
  return (
    <TableRow data-testid={`gitops-row-${applicationKey(app)}`}>
      <TableCell>
        <ApplicationName app={app} />
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
