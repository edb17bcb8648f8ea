import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Link, LinkButton } from '@backstage/core-components';
import {
  KnowledgeEntry,
  KnowledgeEntrySummary,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { EntryChips } from './EntryChips';
import { useLearningLinks } from './useLearningLinks';
import { WrappingListItemText } from './WrappingListItemText';

const EntryQuizCard = (props: { entry: KnowledgeEntry; best?: string }) => {
  const { entry, best } = props;
  const links = useLearningLinks();
  return (
    <InfoCard
      title="Quiz"
      subheader={`${entry.quiz.length} questions${best ? ` · ${best}` : ''}`}
    >
      <LinkButton
        to={links.quiz(entry.id)}
        variant="contained"
        color="primary"
        data-testid="learning-take-quiz"
      >
        Take the quiz
      </LinkButton>
    </InfoCard>
  );
};

const RelatedEntriesCard = (props: { related: KnowledgeEntrySummary[] }) => {
  const links = useLearningLinks();
  return (
    <InfoCard title="Related">
      <List dense disablePadding data-testid="learning-related">
        {props.related.map(r => (
          <ListItem key={r.id} disableGutters>
            <WrappingListItemText
              disableTypography
              primary={<Link to={links.entry(r.id)}>{r.title}</Link>}
              secondary={<EntryChips entry={r} />}
            />
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
};

const EntrySignalsCard = (props: { signals: string[] }) => (
  <InfoCard
    title="Shown for"
    subheader="Live status that links an application to this entry."
  >
    <Typography variant="body2" component="div">
      {props.signals.map(signal => (
        <div key={signal}>
          <code>{signal}</code>
        </div>
      ))}
    </Typography>
  </InfoCard>
);

/** Beside an entry: its quiz, related entries and the signals that show it. */
export const EntrySidebar = (props: {
  entry: KnowledgeEntry;
  related: KnowledgeEntrySummary[];
  /** The best quiz score so far, formatted. */
  best?: string;
}) => {
  const { entry, related, best } = props;
  return (
    <Grid container spacing={3} direction="column">
      {entry.quiz.length > 0 && (
        <Grid item>
          <EntryQuizCard entry={entry} best={best} />
        </Grid>
      )}
      {related.length > 0 && (
        <Grid item>
          <RelatedEntriesCard related={related} />
        </Grid>
      )}
      {entry.signals.length > 0 && (
        <Grid item>
          <EntrySignalsCard signals={entry.signals} />
        </Grid>
      )}
    </Grid>
  );
};
