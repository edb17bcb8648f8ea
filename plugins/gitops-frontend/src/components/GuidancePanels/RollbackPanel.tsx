import { ReactNode } from 'react';
import { CopyTextButton, InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { darken, getContrastRatio, makeStyles } from '@material-ui/core/styles';
import {
  ApplicationSource,
  RollbackPlan,
  RollbackState,
  RollbackStep,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { PlanWarnings } from './PlanWarnings';
import { RevisionComparison } from './RevisionComparison';

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
 * against the suspect one, the warnings that apply to this application,
 * the actions the viewer can take from here, and numbered steps with
 * copyable commands.
 */
export const RollbackPanel = (props: {
  plan: RollbackPlan;
  /** The application's source(s), to link revisions to their commits. */
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  /** The action buttons, when the backend accepts actions for the application. */
  actions?: ReactNode;
}) => {
  const { plan, source, sources, actions } = props;
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
          <RevisionComparison
            plan={plan}
            source={source}
            sources={sources}
            testIdPrefix="gitops-rollback"
          />
        )}
        {plan.warnings.length > 0 && (
          <Box mt={2}>
            <PlanWarnings warnings={plan.warnings} />
          </Box>
        )}
        {actions && <Box mt={2}>{actions}</Box>}
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
