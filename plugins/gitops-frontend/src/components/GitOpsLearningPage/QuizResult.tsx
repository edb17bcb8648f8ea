import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { LinkButton } from '@backstage/core-components';
import { QuizScore } from './useQuizScores';

/** Under the score: the best so far, and where to go next. */
export const QuizResult = (props: {
  saved?: QuizScore;
  restart(): void;
  back: { to: string; label: string };
  overview: string;
}) => {
  const { saved, restart, back, overview } = props;
  return (
    <>
      {saved && (
        <Typography variant="body1" paragraph>
          Best so far: {saved.best}/{saved.total} after {saved.attempts}{' '}
          {saved.attempts === 1 ? 'attempt' : 'attempts'}.
        </Typography>
      )}
      <Box display="flex" gridGap={8} flexWrap="wrap">
        <Button variant="outlined" onClick={restart}>
          Try again
        </Button>
        <LinkButton to={back.to} variant="outlined">
          {back.label}
        </LinkButton>
        <LinkButton to={overview} color="primary" variant="contained">
          Back to learning paths
        </LinkButton>
      </Box>
    </>
  );
};
