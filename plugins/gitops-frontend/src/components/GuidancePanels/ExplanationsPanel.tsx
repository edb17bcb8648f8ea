import { InfoCard, Link } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Explanation } from '@gitops-guide/backstage-plugin-gitops-common';
import { KIND_LABELS } from '../GitOpsLearningPage/labels';
import { useLearningEntryLink } from './useLearningEntryLink';

const useStyles = makeStyles({
  // The theme keeps list item text on one line; a reason names pods and
  // revisions, so it wraps (inside long names too) instead of being cut off.
  text: {
    whiteSpace: 'normal',
    overflowWrap: 'anywhere',
  },
});

/**
 * "What is going on": the knowledge entries that match the application's
 * live status, best first, each saying which live fact made it relevant.
 */
export const ExplanationsPanel = (props: { explanations: Explanation[] }) => {
  const entryLink = useLearningEntryLink();
  const classes = useStyles();
  return (
    <div data-testid="gitops-explanations">
      <InfoCard title="What is going on" noPadding>
        {props.explanations.length === 0 ? (
          <Typography
            variant="body2"
            color="textSecondary"
            style={{ padding: 16 }}
          >
            Nothing stands out: no knowledge entry matches this application's
            live status.
          </Typography>
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
