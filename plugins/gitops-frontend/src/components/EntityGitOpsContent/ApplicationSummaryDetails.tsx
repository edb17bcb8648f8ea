import { Link, StructuredMetadataTable } from '@backstage/core-components';
import {
  ApplicationSource,
  ApplicationSummary,
} from '@gitops-guide/backstage-plugin-gitops-common';
import {
  RelativeTime,
  RevisionLinks,
  SyncStatusLabel,
  lastSyncedAt,
  syncedRevisions,
} from '../shared';
import {
  HealthValue,
  ImageList,
  LastOperationValue,
  SourceList,
} from './ApplicationSummaryValues';

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

/** The sources of a multi-source application, else its single source. */
function applicationSources(app: ApplicationSummary): ApplicationSource[] {
  if (app.sources?.length) {
    return app.sources;
  }
  return app.source ? [app.source] : [];
}

function destinationText(app: ApplicationSummary): string {
  return [
    app.destination.name ?? app.destination.server,
    app.destination.namespace,
  ]
    .filter(Boolean)
    .join(' / ');
}

function argoCdValue(app: ApplicationSummary): JSX.Element | string {
  return app.links.argocd ? (
    <Link to={app.links.argocd}>
      {app.instance} / {app.project ?? 'default'} / {app.name}
    </Link>
  ) : (
    `${app.instance} / ${app.project ?? 'default'}`
  );
}

/** The summary of one application: status, last operation, settings, source and destination. */
export const ApplicationSummaryDetails = (props: {
  app: ApplicationSummary;
}) => {
  const { app } = props;
  const sources = applicationSources(app);
  const destination = destinationText(app);

  const metadata: Record<string, JSX.Element | string> = {
    Sync: (
      <span>
        <SyncStatusLabel status={app.sync.status} /> to{' '}
        <RevisionLinks revisions={syncedRevisions(app)} />
      </span>
    ),
    Health: <HealthValue health={app.health} />,
    'Last operation': app.operation ? (
      <LastOperationValue operation={app.operation} />
    ) : (
      'none recorded'
    ),
    'Last synced': <RelativeTime value={lastSyncedAt(app)} />,
    'Auto-sync': autoSyncText(app.autoSync),
  };
  if (sources.length > 0) {
    metadata[sources.length > 1 ? 'Sources' : 'Source'] = (
      <SourceList sources={sources} />
    );
  }
  if (destination) {
    metadata.Destination = destination;
  }
  if (app.images.length > 0) {
    metadata.Images = <ImageList images={app.images} />;
  }
  metadata['Argo CD'] = argoCdValue(app);

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
