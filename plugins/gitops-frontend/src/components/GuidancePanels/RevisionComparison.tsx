import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ApplicationSource,
  RollbackPlan,
  RollbackRevision,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { RelativeTime, RevisionLinks, pairRevisions } from '../shared';

const useStyles = makeStyles(theme => ({
  revision: {
    boxSizing: 'border-box',
    height: '100%',
    padding: theme.spacing(1.5),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
}));

/** The first line of a commit message. */
function subject(message: string | undefined): string | undefined {
  return message?.split('\n')[0];
}

const RevisionBox = (props: {
  label: string;
  revision: RollbackRevision | null;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  testId: string;
}) => {
  const { label, revision, source, sources, testId } = props;
  const classes = useStyles();
  return (
    <div className={classes.revision} data-testid={testId}>
      <Typography variant="overline" component="div">
        {label}
      </Typography>
      {revision ? (
        <>
          <Typography variant="body2" component="div">
            <RevisionLinks
              revisions={pairRevisions(
                revision.revision,
                revision.revisions,
                source,
                sources,
              )}
            />{' '}
            {revision.origin === 'operation' || revision.id < 0
              ? '(failed sync, not in history)'
              : `(history #${revision.id})`}
          </Typography>
          {revision.message && (
            <Typography variant="body2" title={revision.message}>
              {subject(revision.message)}
            </Typography>
          )}
          {(revision.author || revision.deployedAt) && (
            <Typography variant="caption" color="textSecondary" component="div">
              {revision.author}
              {revision.author && revision.deployedAt && ' · '}
              {revision.deployedAt && (
                <RelativeTime value={revision.deployedAt} />
              )}
            </Typography>
          )}
        </>
      ) : (
        <Typography variant="body2" color="textSecondary">
          None found
        </Typography>
      )}
    </div>
  );
};

/**
 * The plan's last known-good revision next to the suspect one, each linked
 * to its commit. `testIdPrefix` keeps the rollback panel's and the action
 * dialog's copies apart when both are on screen.
 */
export const RevisionComparison = (props: {
  plan: Pick<RollbackPlan, 'knownGood' | 'suspect'>;
  /** The application's source(s), to link revisions to their commits. */
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  testIdPrefix: string;
}) => {
  const { plan, source, sources, testIdPrefix } = props;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6}>
        <RevisionBox
          label="Last known good"
          revision={plan.knownGood}
          source={source}
          sources={sources}
          testId={`${testIdPrefix}-known-good`}
        />
      </Grid>
      <Grid item xs={12} sm={6}>
        <RevisionBox
          label="Suspect"
          revision={plan.suspect}
          source={source}
          sources={sources}
          testId={`${testIdPrefix}-suspect`}
        />
      </Grid>
    </Grid>
  );
};
