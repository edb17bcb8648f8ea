import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  ContentHeader,
  InfoCard,
  Link,
  MarkdownContent,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntryChips } from './EntryChips';
import { EntrySidebar } from './EntrySidebar';
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
          <EntrySidebar entry={entry} related={related} best={best} />
        </Grid>
      </Grid>
    </>
  );
};
