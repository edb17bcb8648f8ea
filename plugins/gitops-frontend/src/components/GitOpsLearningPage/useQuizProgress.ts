import { QuizItem } from '@gitops-guide/backstage-plugin-gitops-common';
import { useState } from 'react';

/**
 * Where the user is in a quiz: the current item, the option chosen for it,
 * the score so far, and whether the quiz is over.
 */
export function useQuizProgress(
  items: QuizItem[],
  onFinish: (correct: number, total: number) => void,
) {
  const [index, setIndex] = useState(0);
  const [chosen, setChosen] = useState<number | undefined>();
  const [correct, setCorrect] = useState(0);
  const [finished, setFinished] = useState(false);

  const item = items[index];
  const answered = chosen !== undefined;
  const isLast = index === items.length - 1;

  const restart = () => {
    setIndex(0);
    setChosen(undefined);
    setCorrect(0);
    setFinished(false);
  };

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

  return {
    index,
    item,
    chosen,
    answered,
    isLast,
    correct,
    finished,
    restart,
    choose,
    next,
  };
}
