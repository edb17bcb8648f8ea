import { InfoCard, Link } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ApplicationSummary,
  Explanation,
  isOperationFailed,
  needsAttention,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { KIND_LABELS } from '../GitOpsLearningPage/labels';
import {
  useLearningEntryLink,
  useLearningRootLink,
} from './useLearningEntryLink';

const useStyles = makeStyles({
  // The theme keeps list item text on one line; a reason names pods and
  // revisions, so it wraps (inside long names too) instead of being cut off.
  text: {
    whiteSpace: 'normal',
    overflowWrap: 'anywhere',
  },
  why: {
    fontWeight: 500,
  },
});

/** The first status word that says something is wrong, to search for. */
function problemWord(app: ApplicationSummary): string {
  if (app.operation && isOperationFailed(app.operation.phase)) {
    return `sync ${app.operation.phase.toLowerCase()}`;
  }
  if (app.health.status !== 'Healthy') return app.health.status;
  return app.sync.status;
}

/** Why the list is empty: nothing to do, or nothing written about this yet. */
const NoExplanations = (props: { app: ApplicationSummary }) => {
  const { app } = props;
  const learning = useLearningRootLink();
  if (!needsAttention(app)) {
    return (
      <Typography variant="body2" style={{ padding: 16 }}>
        <strong>Nothing to do:</strong> {app.name} is synced and healthy.{' '}
        <Link to={learning} underline="always">
          Learn how GitOps status works
        </Link>
      </Typography>
    );
  }
  const word = problemWord(app);
  return (
    <Typography variant="body2" style={{ padding: 16 }}>
      No knowledge entry covers what {app.name} reports yet.{' '}
      <Link
        to={`${learning}?${new URLSearchParams({ q: word })}`}
        underline="always"
      >
        Search the learning page for “{word}”
      </Link>
    </Typography>
  );
};

/**
 * "What is going on": the knowledge entries a live signal of the
 * application calls for, best first, each saying which live fact made it
 * relevant. None for a healthy, synced application.
 */
export const ExplanationsPanel = (props: {
  app: ApplicationSummary;
  explanations: Explanation[];
}) => {
  const entryLink = useLearningEntryLink();
  const classes = useStyles();
  return (
    <div data-testid="gitops-explanations">
      <InfoCard title="What is going on" noPadding>
        {props.explanations.length === 0 ? (
          <NoExplanations app={props.app} />
        ) : (
          <List dense>
            {props.explanations.map(explanation => (
              <ListItem key={explanation.id} alignItems="flex-start">
                <ListItemText
                  className={classes.text}
                  disableTypography
                  primary={
                    <Typography variant="subtitle2" component="div">
                      <Link to={entryLink(explanation.id)}>
                        {explanation.title}
                      </Link>{' '}
                      <Chip
                        size="small"
                        variant="outlined"
                        label={
                          KIND_LABELS[explanation.kind] ?? explanation.kind
                        }
                      />
                    </Typography>
                  }
                  secondary={
                    <Typography variant="body2" color="textSecondary">
                      <span className={classes.why}>Why this applies:</span>{' '}
                      {explanation.why}
                    </Typography>
                  }
                />
              </ListItem>
            ))}
          </List>
        )}
      </InfoCard>
    </div>
  );
};
