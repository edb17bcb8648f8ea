import { Table, TableColumn } from '@backstage/core-components';
import {
  ApplicationSource,
  HistoryEntry,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { RelativeTime, RevisionLinks, pairRevisions } from '../shared';

const PAGE_SIZE = 10;

/**
 * The deployment history, newest first: history id (what `argocd app
 * rollback` takes), revision, commit author and message, when, and by whom.
 */
export const HistoryTable = (props: {
  history: HistoryEntry[];
  source?: ApplicationSource;
  sources?: ApplicationSource[];
}) => {
  const { source, sources } = props;
  const columns: TableColumn<HistoryEntry>[] = [
    { title: 'ID', field: 'id', width: '4em' },
    {
      title: 'Revision',
      field: 'revision',
      render: entry => (
        <RevisionLinks
          revisions={pairRevisions(
            entry.revision,
            entry.revisions,
            entry.source ?? source,
            entry.sources ?? sources,
          )}
        />
      ),
    },
    { title: 'Author', field: 'author', emptyValue: '—' },
    {
      title: 'Message',
      field: 'message',
      emptyValue: '—',
      render: entry => (
        <span title={entry.message}>{entry.message?.split('\n')[0]}</span>
      ),
    },
    {
      title: 'Deployed',
      field: 'deployedAt',
      render: entry => <RelativeTime value={entry.deployedAt} />,
    },
    { title: 'Initiated by', field: 'initiatedBy', emptyValue: '—' },
  ];
  return (
    <Table<HistoryEntry>
      title="History"
      columns={columns}
      // material-table writes bookkeeping into the rows it gets; hand it copies.
      data={props.history.map(entry => ({ ...entry }))}
      options={{
        search: false,
        padding: 'dense',
        paging: props.history.length > PAGE_SIZE,
        pageSize: PAGE_SIZE,
        pageSizeOptions: [PAGE_SIZE],
        sorting: false,
        draggable: false,
      }}
      emptyContent={<div style={{ padding: 16 }}>No sync recorded yet.</div>}
    />
  );
};
