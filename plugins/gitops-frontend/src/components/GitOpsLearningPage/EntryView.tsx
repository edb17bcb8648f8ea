import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  ContentHeader,
  InfoCard,
  Link,
  LinkButton,
  MarkdownContent,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntryChips } from './EntryChips';
import { useLearningLinks } from './useLearningLinks';
import { formatBest, useQuizScores } from './useQuizScores';
import { useRoutedEntry } from './useRoutedEntry';

/** `/entries/:id`: the entry, its quiz and its related entries. */
export const EntryView = () => {
  const links = useLearningLinks();
  const { scores } = useQuizScores();
  const { value, loading, error } = useRoutedEntry();

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const { entry, related } = value!;
  const best = formatBest(scores[entry.id]);

  return (
    <>
      <ContentHeader title={entry.title}>
        <Link to={links.overview}>All entries</Link>
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12} md={8}>
          <InfoCard>
            <EntryChips entry={entry} showTopics />
            <Typography variant="subtitle1" paragraph style={{ marginTop: 16 }}>
              {entry.summary}
            </Typography>
            <div data-testid="learning-entry-body">
              <MarkdownContent content={entry.body} dialect="gfm" />
            </div>
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={4}>
          <Grid container spacing={3} direction="column">
            {entry.quiz.length > 0 && (
              <Grid item>
                <InfoCard
                  title="Quiz"
                  subheader={`${entry.quiz.length} questions${
                    best ? ` · ${best}` : ''
                  }`}
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
              </Grid>
            )}
            {related.length > 0 && (
              <Grid item>
                <InfoCard title="Related">
                  <List dense disablePadding data-testid="learning-related">
                    {related.map(r => (
                      <ListItem key={r.id} disableGutters>
                        <ListItemText
                          disableTypography
                          primary={
                            <Link to={links.entry(r.id)}>{r.title}</Link>
                          }
                          secondary={<EntryChips entry={r} />}
                        />
                      </ListItem>
                    ))}
                  </List>
                </InfoCard>
              </Grid>
            )}
            {entry.signals.length > 0 && (
              <Grid item>
                <InfoCard
                  title="Shown for"
                  subheader="Live status that links an application to this entry."
                >
                  <Typography variant="body2" component="div">
                    {entry.signals.map(signal => (
                      <div key={signal}>
                        <code>{signal}</code>
                      </div>
                    ))}
                  </Typography>
                </InfoCard>
              </Grid>
            )}
          </Grid>
        </Grid>
      </Grid>
    </>
  );
};
