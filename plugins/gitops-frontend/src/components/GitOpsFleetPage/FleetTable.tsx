import { Link } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  groupFleet,
  type FleetApplication,
  type FleetGroup,
  type FleetGrouping,
} from '@gitops-guide/backstage-plugin-gitops-common';
import {
  ApplicationName,
  ApplicationStatusCells,
  applicationKey,
} from '../shared';
import { ATTENTION_LABELS } from './attentionLabels';
import { useEntityTabLink } from './useEntityTabLink';

const useStyles = makeStyles(theme => ({
  table: {
    tableLayout: 'auto',
    // Rows on paper, not the theme's grey stripes: secondary text keeps its contrast.
    '& tbody tr': {
      backgroundColor: theme.palette.background.paper,
    },
  },
  // Narrow windows keep name, entity, sync and health.
  detail: {
    whiteSpace: 'nowrap',
    [theme.breakpoints.down('sm')]: {
      display: 'none',
    },
  },
  groupRow: {
    '& td': {
      borderTop: `2px solid ${theme.palette.divider}`,
    },
  },
}));

const GROUP_KIND: Record<Exclude<FleetGrouping, 'none'>, string> = {
  applicationSet: 'ApplicationSet',
  parent: 'App of apps',
};

const COLUMNS = 6;

const FleetRow = (props: { row: FleetApplication; detailClass: string }) => {
  const { row, detailClass } = props;
  const app = row.application;
  const tabLink = useEntityTabLink();
  return (
    <TableRow data-testid={`fleet-row-${applicationKey(app)}`}>
      <TableCell>
        <ApplicationName app={app} />
        <Typography variant="caption" color="textSecondary">
          {app.kind === 'Application' ? '' : `${app.kind} · `}
          {app.instance}
        </Typography>
      </TableCell>
      <TableCell>
        {row.claimedBy.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            No entity
          </Typography>
        )}
        {row.claimedBy.map(claimant => (
          <div key={claimant.entityRef}>
            <Link
              to={tabLink(claimant.entityRef, app)}
              title={`Open ${app.name} on the GitOps tab of ${claimant.entityRef}`}
            >
              {claimant.title ?? parseEntityRef(claimant.entityRef).name}
            </Link>
            {claimant.owner && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                <EntityRefLink
                  entityRef={claimant.owner}
                  defaultKind="group"
                  hideIcon
                />
              </Typography>
            )}
          </div>
        ))}
      </TableCell>
      <ApplicationStatusCells app={app} detailClassName={detailClass} />
    </TableRow>
  );
};

const GroupRow = (props: { group: FleetGroup; grouping: FleetGrouping }) => {
  const { group, grouping } = props;
  const classes = useStyles();
  const title =
    group.key === ''
      ? `Not in ${
          grouping === 'parent' ? 'an app of apps' : 'an ApplicationSet'
        }`
      : `${grouping === 'none' ? '' : GROUP_KIND[grouping]} ${group.name}`;
  return (
    <TableRow className={classes.groupRow} data-testid="fleet-group">
      <TableCell colSpan={COLUMNS}>
        <Typography variant="subtitle2" component="span">
          {title}
        </Typography>
        <Typography variant="caption" color="textSecondary" component="span">
          {group.instance ? ` · ${group.instance}` : ''} · {group.rows.length}{' '}
          application{group.rows.length === 1 ? '' : 's'} · worst:{' '}
          {ATTENTION_LABELS[group.worst]}
        </Typography>
      </TableCell>
    </TableRow>
  );
};

/** The fleet's rows, optionally grouped, each linking to its entity's GitOps tab. */
export const FleetTable = (props: {
  rows: FleetApplication[];
  grouping: FleetGrouping;
  label: string;
}) => {
  const { rows, grouping, label } = props;
  const classes = useStyles();
  const groups = groupFleet(rows, grouping);
  return (
    <Table size="small" aria-label={label} className={classes.table}>
      <TableHead>
        <TableRow>
          <TableCell>Application</TableCell>
          <TableCell>Claimed by</TableCell>
          <TableCell>Sync</TableCell>
          <TableCell>Health</TableCell>
          <TableCell className={classes.detail}>Last sync</TableCell>
          <TableCell className={classes.detail}>Revision</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {groups.flatMap(group => [
          ...(grouping === 'none'
            ? []
            : [
                <GroupRow
                  key={`group:${group.key}`}
                  group={group}
                  grouping={grouping}
                />,
              ]),
          ...group.rows.map(row => (
            <FleetRow
              key={applicationKey(row.application)}
              row={row}
              detailClass={classes.detail}
            />
          )),
        ])}
      </TableBody>
    </Table>
  );
};
