import Typography from '@material-ui/core/Typography';
import { InfoCard, LinkButton } from '@backstage/core-components';
import { useLearningLinks } from './useLearningLinks';
import { QuizScores, SKILL_CHECK_KEY } from './useQuizScores';

/** The way into the skill check, with the user's best score and overall progress. */
export const SkillCheckCard = (props: {
  scores: QuizScores;
  /** Ids of the question entries (each has a quiz). */
  questionIds: string[];
}) => {
  const { scores, questionIds } = props;
  const links = useLearningLinks();
  const best = scores[SKILL_CHECK_KEY];
  const taken = questionIds.filter(id => scores[id]).length;

  return (
    <InfoCard
      title="Skill check"
      subheader="Questions across the core topics, easy to hard."
    >
      <Typography variant="body2" paragraph>
        {best
          ? `Your best: ${best.best}/${best.total} (last attempt ${best.last}/${best.total}).`
          : 'Not taken yet.'}
        {questionIds.length > 0 &&
          ` Question quizzes taken: ${taken}/${questionIds.length}.`}
      </Typography>
      <LinkButton
        to={links.skillCheck}
        variant="contained"
        color="primary"
        data-testid="learning-skill-check"
      >
        {best ? 'Retake the skill check' : 'Take the skill check'}
      </LinkButton>
    </InfoCard>
  );
};
