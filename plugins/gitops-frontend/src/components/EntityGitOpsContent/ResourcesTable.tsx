import { Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ResourceStatus } from '@gitops-guide/backstage-plugin-gitops-common';
import { HealthStatusLabel, SyncStatusLabel } from '../shared';

/** "14 resources: 12 Healthy, 1 Degraded, 1 Missing". */
function describeCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) {
    return 'No resources reported.';
  }
  const parts = entries
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([status, n]) => `${n} ${status}`);
  return `${total} resource${total === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** The resources that are not Healthy or not Synced, with counts of all of them. */
export const ResourcesTable = (props: {
  resources: ResourceStatus[];
  counts: Record<string, number>;
}) => {
  const columns: TableColumn<ResourceStatus>[] = [
    {
      title: 'Kind',
      field: 'kind',
      render: r => (r.group ? `${r.kind} (${r.group})` : r.kind),
    },
    { title: 'Name', field: 'name' },
    { title: 'Namespace', field: 'namespace', emptyValue: '—' },
    {
      title: 'Health',
      field: 'health',
      render: r => (r.health ? <HealthStatusLabel status={r.health} /> : '—'),
    },
    {
      title: 'Sync',
      field: 'sync',
      render: r => (r.sync ? <SyncStatusLabel status={r.sync} /> : '—'),
    },
    { title: 'Message', field: 'message', emptyValue: '—' },
  ];
  const summary = describeCounts(props.counts);
  if (props.resources.length === 0) {
    return (
      <Typography variant="body2" data-testid="gitops-resource-counts">
        {summary}
        {Object.keys(props.counts).length > 0 &&
          ' — every resource is healthy and synced.'}
      </Typography>
    );
  }
  return (
    <Table<ResourceStatus>
      title="Resources that need attention"
      subtitle={summary}
      columns={columns}
      data={props.resources.map(resource => ({ ...resource }))}
      options={{
        search: false,
        padding: 'dense',
        paging: props.resources.length > 20,
        pageSize: 20,
        pageSizeOptions: [20],
        draggable: false,
      }}
    />
  );
};
