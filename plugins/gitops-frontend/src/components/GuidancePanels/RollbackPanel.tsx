import { CopyTextButton, InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { darken, getContrastRatio, makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  ApplicationSource,
  RollbackPlan,
  RollbackRevision,
  RollbackState,
  RollbackStep,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { RelativeTime, RevisionLinks, pairRevisions } from '../shared';

const STATE_LABELS: Record<RollbackState, string> = {
  'not-needed': 'Not needed',
  recommended: 'Rollback recommended',
  'in-progress': 'Sync in progress',
  unknown: 'Not enough history',
};

/** WCAG AA for the chip's small text. */
const MIN_CONTRAST = 4.5;
const WHITE = '#fff';

/**
 * White text on the palette colour, darkened until the pair reaches WCAG AA
 * contrast: the theme's own shades (e.g. success.dark, 4.1:1) fall short.
 */
function chipColors(color: string) {
  let background = color;
  for (
    let i = 0;
    i < 10 && getContrastRatio(background, WHITE) < MIN_CONTRAST;
    i++
  ) {
    background = darken(background, 0.1);
  }
  return { backgroundColor: background, color: WHITE };
}

const useStyles = makeStyles(theme => ({
  'state-not-needed': chipColors(theme.palette.success.main),
  'state-recommended': chipColors(theme.palette.error.main),
  'state-in-progress': chipColors(theme.palette.info.main),
  'state-unknown': {},
  revision: {
    boxSizing: 'border-box',
    height: '100%',
    padding: theme.spacing(1.5),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  steps: {
    paddingLeft: theme.spacing(3),
    margin: 0,
    // Notes quote full commit ranges: break inside them rather than overflow.
    overflowWrap: 'anywhere',
    '& > li': {
      marginBottom: theme.spacing(2),
    },
  },
  codeBlock: {
    display: 'flex',
    alignItems: 'flex-start',
    marginTop: theme.spacing(1),
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  code: {
    flex: 1,
    // Lets the block shrink so long commands scroll inside it, not the page.
    minWidth: 0,
    margin: 0,
    padding: theme.spacing(1, 1.5),
    overflowX: 'auto',
    fontFamily: 'monospace',
    fontSize: '0.85rem',
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

const Step = (props: { step: RollbackStep; index: number }) => {
  const { step, index } = props;
  const classes = useStyles();
  const commands = step.commands.join('\n');
  return (
    <li>
      <Typography variant="subtitle2" component="h5">
        {step.title}
      </Typography>
      {step.note && (
        <Typography variant="body2" color="textSecondary">
          {step.note}
        </Typography>
      )}
      {step.commands.length > 0 && (
        <div className={classes.codeBlock}>
          <pre
            className={classes.code}
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be reachable by keyboard (axe scrollable-region-focusable)
            tabIndex={0}
            role="region"
            aria-label={`Commands of step ${index + 1}`}
          >
            <code>{commands}</code>
          </pre>
          <CopyTextButton
            text={commands}
            aria-label={`Copy the commands of step ${index + 1}`}
          />
        </div>
      )}
    </li>
  );
};

/**
 * "Rollback guidance": the planner's verdict, the last known-good revision
 * against the suspect one, numbered steps with copyable commands, and the
 * warnings that apply to this application.
 */
export const RollbackPanel = (props: {
  plan: RollbackPlan;
  /** The application's source(s), to link revisions to their commits. */
  source?: ApplicationSource;
  sources?: ApplicationSource[];
}) => {
  const { plan, source, sources } = props;
  const classes = useStyles();
  return (
    <div data-testid="gitops-rollback">
      <InfoCard title="Rollback guidance">
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          gridGap={8}
          mb={2}
        >
          <Chip
            size="small"
            label={STATE_LABELS[plan.state] ?? plan.state}
            className={classes[`state-${plan.state}`]}
            data-testid="gitops-rollback-state"
          />
          <Typography variant="body2">{plan.reason}</Typography>
        </Box>

        {(plan.knownGood || plan.suspect) && (
          <Grid container spacing={2}>
            <Grid item xs={12} sm={6}>
              <RevisionBox
                label="Last known good"
                revision={plan.knownGood}
                source={source}
                sources={sources}
                testId="gitops-rollback-known-good"
              />
            </Grid>
            <Grid item xs={12} sm={6}>
              <RevisionBox
                label="Suspect"
                revision={plan.suspect}
                source={source}
                sources={sources}
                testId="gitops-rollback-suspect"
              />
            </Grid>
          </Grid>
        )}

        {plan.warnings.length > 0 && (
          <Box display="flex" flexDirection="column" gridGap={8} mt={2}>
            {plan.warnings.map(warning => (
              <Alert key={warning} severity="warning">
                {warning}
              </Alert>
            ))}
          </Box>
        )}

        {plan.steps.length > 0 && (
          <Box mt={2}>
            <ol className={classes.steps} aria-label="Rollback steps">
              {plan.steps.map((step, index) => (
                <Step
                  key={`${index}:${step.title}`}
                  step={step}
                  index={index}
                />
              ))}
            </ol>
          </Box>
        )}
      </InfoCard>
    </div>
  );
};
