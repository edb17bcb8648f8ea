import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  ApplicationSource,
  ApplicationSummary,
  repositoryUrl,
  stripUrlCredentials,
} from '@gitops-guide/backstage-plugin-gitops-common';
import {
  HealthStatusLabel,
  OperationPhaseLabel,
  RelativeTime,
} from '../shared';

/** The values of the rows in an application's summary table. */

export const HealthValue = (props: {
  health: ApplicationSummary['health'];
}) => {
  const { health } = props;
  return (
    <span>
      <HealthStatusLabel status={health.status} />
      {health.message && (
        <Typography variant="body2" color="textSecondary" component="span">
          {' '}
          — {health.message}
        </Typography>
      )}
    </span>
  );
};

export const LastOperationValue = (props: {
  operation: NonNullable<ApplicationSummary['operation']>;
}) => {
  const { operation } = props;
  return (
    <span>
      <OperationPhaseLabel status={operation.phase} />{' '}
      <RelativeTime value={operation.finishedAt ?? operation.startedAt} />
      {operation.initiatedBy ? ` by ${operation.initiatedBy}` : ''}
      {operation.message && (
        <Typography variant="body2" color="textSecondary">
          {operation.message}
        </Typography>
      )}
    </span>
  );
};

const SourceLine = (props: { source: ApplicationSource }) => {
  const { source } = props;
  // The backend sends URLs without credentials; an older one may not have.
  const shown = stripUrlCredentials(source.repoURL);
  const repo = repositoryUrl(shown);
  const where = source.chart ? `chart ${source.chart}` : source.path;
  return (
    <div>
      {repo ? <Link to={repo}>{shown}</Link> : shown}
      {where ? ` · ${where}` : ''}
      {source.targetRevision ? ` @ ${source.targetRevision}` : ''}
    </div>
  );
};

export const SourceList = (props: { sources: ApplicationSource[] }) => (
  <div>
    {props.sources.map((source, i) => (
      <SourceLine key={`${i}:${source.repoURL}`} source={source} />
    ))}
  </div>
);

export const ImageList = (props: { images: string[] }) => (
  <div>
    {props.images.map(image => (
      <div key={image}>
        <code>{image}</code>
      </div>
    ))}
  </div>
);
