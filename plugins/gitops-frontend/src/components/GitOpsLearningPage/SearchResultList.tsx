import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EmptyState, InfoCard, Link } from '@backstage/core-components';
import { KnowledgeSearchHit } from '@gitops-guide/backstage-plugin-gitops-common';
import { EntryChips } from './EntryChips';
import { HighlightedText } from './HighlightedText';
import { useLearningLinks } from './useLearningLinks';
import { formatBest, QuizScores } from './useQuizScores';
import { WrappingListItemText } from './WrappingListItemText';

const useStyles = makeStyles(theme => ({
  snippet: {
    display: 'block',
    marginTop: theme.spacing(0.5),
    '& mark': {
      backgroundColor: theme.palette.warning.light,
      color: theme.palette.text.primary,
      padding: '0 1px',
    },
  },
}));

/** Ranked search hits with their highlighted snippets. */
export const SearchResultList = (props: {
  results: KnowledgeSearchHit[];
  scores: QuizScores;
}) => {
  const { results, scores } = props;
  const classes = useStyles();
  const links = useLearningLinks();

  if (!results.length) {
    return (
      <EmptyState
        missing="data"
        title="No entries match"
        description="Try fewer words, another spelling, or clear the filters."
      />
    );
  }

  return (
    <InfoCard
      title={`${results.length} ${results.length === 1 ? 'entry' : 'entries'}`}
    >
      <List dense>
        {results.map(hit => (
          <ListItem
            key={hit.id}
            divider
            button
            component={Link}
            to={links.entry(hit.id)}
            data-testid="learning-result"
          >
            <WrappingListItemText
              disableTypography
              primary={<Typography variant="subtitle1">{hit.title}</Typography>}
              secondary={
                <>
                  <EntryChips entry={hit} extra={formatBest(scores[hit.id])} />
                  {(hit.snippets.length ? hit.snippets : [undefined]).map(
                    (snippet, i) => (
                      <Typography
                        key={i}
                        variant="body2"
                        color="textSecondary"
                        className={classes.snippet}
                      >
                        {snippet ? (
                          <HighlightedText segments={snippet} />
                        ) : (
                          hit.summary
                        )}
                      </Typography>
                    ),
                  )}
                </>
              }
            />
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
};
