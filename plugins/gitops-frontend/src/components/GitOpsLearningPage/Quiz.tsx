import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CancelIcon from '@material-ui/icons/Cancel';
import Alert from '@material-ui/lab/Alert';
import { InfoCard } from '@backstage/core-components';
import { QuizItem } from '@gitops-guide/backstage-plugin-gitops-common';
import { ReactNode, useState } from 'react';

const useStyles = makeStyles(theme => ({
  options: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    margin: theme.spacing(2, 0),
  },
  option: {
    justifyContent: 'flex-start',
    textAlign: 'left',
    textTransform: 'none',
  },
  correct: {
    borderColor: theme.palette.success.main,
    color: theme.palette.success.dark,
  },
  wrong: {
    borderColor: theme.palette.error.main,
    color: theme.palette.error.dark,
  },
}));

/**
 * One question at a time: pick an option, see at once whether it was right
 * and why, move on; the score comes at the end and is handed to `onFinish`.
 */
export const Quiz = (props: {
  title: string;
  items: QuizItem[];
  onFinish(correct: number, total: number): void;
  /** Extra content under an item's feedback, e.g. links to its entries. */
  renderFeedbackExtra?(index: number): ReactNode;
  /** Shown with the score: best score, links back. */
  renderResult?(correct: number, total: number, restart: () => void): ReactNode;
}) => {
  const { title, items, onFinish, renderFeedbackExtra, renderResult } = props;
  const classes = useStyles();
  const [index, setIndex] = useState(0);
  const [chosen, setChosen] = useState<number | undefined>();
  const [correct, setCorrect] = useState(0);
  const [finished, setFinished] = useState(false);

  const restart = () => {
    setIndex(0);
    setChosen(undefined);
    setCorrect(0);
    setFinished(false);
  };

  if (finished) {
    return (
      <InfoCard title={title}>
        <Typography variant="h5" data-testid="quiz-score" paragraph>
          You scored {correct} of {items.length}.
        </Typography>
        {renderResult?.(correct, items.length, restart)}
      </InfoCard>
    );
  }

  const item = items[index];
  const answered = chosen !== undefined;
  const isLast = index === items.length - 1;

  const choose = (option: number) => {
    if (answered) return;
    setChosen(option);
    if (option === item.answer) setCorrect(c => c + 1);
  };

  const next = () => {
    if (isLast) {
      setFinished(true);
      onFinish(correct, items.length);
    } else {
      setIndex(i => i + 1);
      setChosen(undefined);
    }
  };

  return (
    <InfoCard
      title={title}
      subheader={`Question ${index + 1} of ${items.length}`}
    >
      <LinearProgress
        variant="determinate"
        value={((index + (answered ? 1 : 0)) / items.length) * 100}
      />
      <Box mt={2}>
        <Typography variant="h6" component="h3">
          {item.prompt}
        </Typography>
      </Box>
      <div className={classes.options} role="group" aria-label="Answers">
        {item.options.map((option, i) => {
          const isAnswer = answered && i === item.answer;
          const isWrongChoice = answered && i === chosen && i !== item.answer;
          return (
            <Button
              key={i}
              variant="outlined"
              data-testid="quiz-option"
              className={`${classes.option} ${
                isAnswer ? classes.correct : ''
              } ${isWrongChoice ? classes.wrong : ''}`}
              disabled={answered && !isAnswer && !isWrongChoice}
              aria-pressed={i === chosen}
              onClick={() => choose(i)}
              startIcon={
                (isAnswer && <CheckCircleIcon />) ||
                (isWrongChoice && <CancelIcon />) ||
                undefined
              }
            >
              {option}
            </Button>
          );
        })}
      </div>
      {answered && (
        <Alert
          severity={chosen === item.answer ? 'success' : 'error'}
          data-testid="quiz-feedback"
        >
          <Typography variant="subtitle2" component="p">
            {chosen === item.answer
              ? 'Correct.'
              : `Not quite. The answer is: ${item.options[item.answer]}`}
          </Typography>
          <Typography variant="body2" component="p">
            {item.explanation}
          </Typography>
          {renderFeedbackExtra?.(index)}
        </Alert>
      )}
      <Box mt={2} display="flex" justifyContent="flex-end">
        <Button
          variant="contained"
          color="primary"
          data-testid="quiz-next"
          disabled={!answered}
          onClick={next}
        >
          {isLast ? 'See your score' : 'Next question'}
        </Button>
      </Box>
    </InfoCard>
  );
};
