import { Link, StructuredMetadataTable } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  ApplicationSource,
  ApplicationSummary,
  repositoryUrl,
} from '@gitops-guide/backstage-plugin-gitops-common';
import {
  HealthStatusLabel,
  OperationPhaseLabel,
  RelativeTime,
  RevisionLinks,
  SyncStatusLabel,
  lastSyncedAt,
  syncedRevisions,
} from '../shared';

function autoSyncText(autoSync: ApplicationSummary['autoSync']): string {
  if (!autoSync.enabled) {
    return 'off (manual sync)';
  }
  const options = [
    autoSync.prune ? 'prune' : 'no prune',
    autoSync.selfHeal ? 'self-heal' : 'no self-heal',
  ];
  return `on (${options.join(', ')})`;
}

const SourceLine = (props: { source: ApplicationSource }) => {
  const { source } = props;
  const repo = repositoryUrl(source.repoURL);
  const where = source.chart ? `chart ${source.chart}` : source.path;
  return (
    <div>
      {repo ? <Link to={repo}>{source.repoURL}</Link> : source.repoURL}
      {where ? ` · ${where}` : ''}
      {source.targetRevision ? ` @ ${source.targetRevision}` : ''}
    </div>
  );
};

/** The summary of one application: status, last operation, settings, source and destination. */
export const ApplicationSummaryDetails = (props: {
  app: ApplicationSummary;
}) => {
  const { app } = props;
  let sources: ApplicationSource[] = [];
  if (app.sources?.length) {
    sources = app.sources;
  } else if (app.source) {
    sources = [app.source];
  }
  const destination = [
    app.destination.name ?? app.destination.server,
    app.destination.namespace,
  ]
    .filter(Boolean)
    .join(' / ');

  const metadata: Record<string, JSX.Element | string> = {
    Sync: (
      <span>
        <SyncStatusLabel status={app.sync.status} /> to{' '}
        <RevisionLinks revisions={syncedRevisions(app)} />
      </span>
    ),
    Health: (
      <span>
        <HealthStatusLabel status={app.health.status} />
        {app.health.message && (
          <Typography variant="body2" color="textSecondary" component="span">
            {' '}
            — {app.health.message}
          </Typography>
        )}
      </span>
    ),
    'Last operation': app.operation ? (
      <span>
        <OperationPhaseLabel status={app.operation.phase} />{' '}
        <RelativeTime
          value={app.operation.finishedAt ?? app.operation.startedAt}
        />
        {app.operation.initiatedBy ? ` by ${app.operation.initiatedBy}` : ''}
        {app.operation.message && (
          <Typography variant="body2" color="textSecondary">
            {app.operation.message}
          </Typography>
        )}
      </span>
    ) : (
      'none recorded'
    ),
    'Last synced': <RelativeTime value={lastSyncedAt(app)} />,
    'Auto-sync': autoSyncText(app.autoSync),
  };
  if (sources.length > 0) {
    metadata[sources.length > 1 ? 'Sources' : 'Source'] = (
      <div>
        {sources.map((source, i) => (
          <SourceLine key={`${i}:${source.repoURL}`} source={source} />
        ))}
      </div>
    );
  }
  if (destination) {
    metadata.Destination = destination;
  }
  if (app.images.length > 0) {
    metadata.Images = (
      <div>
        {app.images.map(image => (
          <div key={image}>
            <code>{image}</code>
          </div>
        ))}
      </div>
    );
  }
  metadata['Argo CD'] = app.links.argocd ? (
    <Link to={app.links.argocd}>
      {app.instance} / {app.project ?? 'default'} / {app.name}
    </Link>
  ) : (
    `${app.instance} / ${app.project ?? 'default'}`
  );

  return (
    <div data-testid="gitops-summary">
      <StructuredMetadataTable
        dense
        metadata={metadata}
        options={{ titleFormat: key => key }}
      />
    </div>
  );
};
