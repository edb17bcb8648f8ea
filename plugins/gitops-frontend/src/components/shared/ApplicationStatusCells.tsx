import TableCell from '@material-ui/core/TableCell';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ApplicationSummary } from '@gitops-guide/backstage-plugin-gitops-common';
import { lastSyncedAt, syncedRevisions } from './applications';
import { RelativeTime } from './RelativeTime';
import { RevisionLinks } from './RevisionLinks';
import {
  HealthStatusLabel,
  OperationPhaseLabel,
  SyncStatusLabel,
} from './StatusLabels';

const useStyles = makeStyles({
  cell: {
    whiteSpace: 'nowrap',
  },
});

/**
 * The sync, health, last operation (phase and age) and revision cells of an
 * application's table row, shared by the card and the tab's overview.
 * `detailClassName` goes on the last operation and revision cells, which a
 * narrow table may hide.
 */
export const ApplicationStatusCells = (props: {
  app: ApplicationSummary;
  detailClassName?: string;
}) => {
  const { app, detailClassName } = props;
  const classes = useStyles();
  const detailClass = detailClassName ?? classes.cell;
  return (
    <>
      <TableCell className={classes.cell}>
        <SyncStatusLabel status={app.sync.status} />
      </TableCell>
      <TableCell className={classes.cell} title={app.health.message}>
        <HealthStatusLabel status={app.health.status} />
      </TableCell>
      <TableCell className={detailClass}>
        {app.operation && (
          <div title={app.operation.message}>
            <OperationPhaseLabel status={app.operation.phase} />
          </div>
        )}
        <Typography variant="caption" color="textSecondary">
          <RelativeTime value={lastSyncedAt(app)} />
        </Typography>
      </TableCell>
      <TableCell className={detailClass}>
        <RevisionLinks revisions={syncedRevisions(app)} />
      </TableCell>
    </>
  );
};
