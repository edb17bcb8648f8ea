import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard, Link } from '@backstage/core-components';
import {
  compareLearningOrder,
  KnowledgeKind,
  KnowledgeSearchHit,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { LEVEL_DESCRIPTIONS, LEVEL_LABELS, LEVELS } from './labels';
import { useLearningLinks } from './useLearningLinks';
import { formatBest, QuizScores } from './useQuizScores';
import { WrappingListItemText } from './WrappingListItemText';

const useStyles = makeStyles(theme => ({
  glossary: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 2),
  },
}));

/**
 * Without a search: the questions as three paths (entry → senior → SRE),
 * then the runbooks and the glossary. Each path is a course: its questions
 * follow their `order` (then title), whatever order the service sent them
 * in; runbooks and glossary terms keep the service's order (by title).
 */
export const LearningPaths = (props: {
  entries: KnowledgeSearchHit[];
  scores: QuizScores;
}) => {
  const { entries, scores } = props;
  const classes = useStyles();
  const links = useLearningLinks();
  const ofKind = (kind: KnowledgeKind) => entries.filter(e => e.kind === kind);
  const questions = ofKind('question');
  const runbooks = ofKind('runbook');
  const glossary = ofKind('glossary');

  const entryList = (list: KnowledgeSearchHit[]) => (
    <List dense disablePadding>
      {list.map(entry => (
        <ListItem key={entry.id} disableGutters>
          <WrappingListItemText
            primary={<Link to={links.entry(entry.id)}>{entry.title}</Link>}
            secondary={formatBest(scores[entry.id])}
          />
        </ListItem>
      ))}
    </List>
  );

  return (
    <Grid container spacing={3}>
      {LEVELS.map((level, step) => {
        const path = questions
          .filter(q => q.level === level)
          .sort(compareLearningOrder);
        if (!path.length) return null;
        const done = path.filter(q => scores[q.id]).length;
        return (
          <Grid
            item
            xs={12}
            md={4}
            key={level}
            data-testid={`learning-path-${level}`}
          >
            <InfoCard
              title={`${step + 1}. ${LEVEL_LABELS[level]}`}
              subheader={`${LEVEL_DESCRIPTIONS[level]} Quizzes taken: ${done}/${path.length}.`}
            >
              {entryList(path)}
            </InfoCard>
          </Grid>
        );
      })}
      {runbooks.length > 0 && (
        <Grid item xs={12} md={6}>
          <InfoCard
            title="Runbooks"
            subheader="Step by step, for when an application is not Synced and Healthy."
          >
            {entryList(runbooks)}
          </InfoCard>
        </Grid>
      )}
      {glossary.length > 0 && (
        <Grid item xs={12} md={runbooks.length ? 6 : 12}>
          <InfoCard
            title="Glossary"
            subheader="The words of GitOps, Argo CD and Flux."
          >
            <div className={classes.glossary}>
              {glossary.map(term => (
                <Link key={term.id} to={links.entry(term.id)}>
                  {term.title}
                </Link>
              ))}
            </div>
          </InfoCard>
        </Grid>
      )}
    </Grid>
  );
};
