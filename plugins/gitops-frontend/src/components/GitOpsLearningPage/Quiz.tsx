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
import { ReactNode } from 'react';
import { useQuizProgress } from './useQuizProgress';

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
 * The options of one item; once one is chosen, the answer and a wrong choice
 * are marked and the others disabled. The classes come from `Quiz`, which
 * creates its style sheet before its children render, as it always has.
 */
const QuizOptions = (props: {
  item: QuizItem;
  chosen?: number;
  onChoose(option: number): void;
  classes: ReturnType<typeof useStyles>;
}) => {
  const { item, chosen, onChoose, classes } = props;
  const answered = chosen !== undefined;
  return (
    <div className={classes.options} role="group" aria-label="Answers">
      {item.options.map((option, i) => {
        const isAnswer = answered && i === item.answer;
        const isWrongChoice = answered && i === chosen && i !== item.answer;
        return (
          <Button
            key={i}
            variant="outlined"
            data-testid="quiz-option"
            className={`${classes.option} ${isAnswer ? classes.correct : ''} ${
              isWrongChoice ? classes.wrong : ''
            }`}
            disabled={answered && !isAnswer && !isWrongChoice}
            aria-pressed={i === chosen}
            onClick={() => onChoose(i)}
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
  );
};

/** Whether the chosen option was right, and why. */
const QuizFeedback = (props: {
  item: QuizItem;
  chosen: number;
  extra?: ReactNode;
}) => {
  const { item, chosen, extra } = props;
  return (
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
      {extra}
    </Alert>
  );
};

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
  const quiz = useQuizProgress(items, onFinish);
  const { index, item, chosen, answered } = quiz;

  if (quiz.finished) {
    return (
      <InfoCard title={title}>
        <Typography variant="h5" data-testid="quiz-score" paragraph>
          You scored {quiz.correct} of {items.length}.
        </Typography>
        {renderResult?.(quiz.correct, items.length, quiz.restart)}
      </InfoCard>
    );
  }

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
      <QuizOptions
        item={item}
        chosen={chosen}
        onChoose={quiz.choose}
        classes={classes}
      />
      {/* i.e. `answered`, in a form that tells TypeScript `chosen` is set */}
      {chosen !== undefined && (
        <QuizFeedback
          item={item}
          chosen={chosen}
          extra={renderFeedbackExtra?.(index)}
        />
      )}
      <Box mt={2} display="flex" justifyContent="flex-end">
        <Button
          variant="contained"
          color="primary"
          data-testid="quiz-next"
          disabled={!answered}
          onClick={quiz.next}
        >
          {quiz.isLast ? 'See your score' : 'Next question'}
        </Button>
      </Box>
    </InfoCard>
  );
};
