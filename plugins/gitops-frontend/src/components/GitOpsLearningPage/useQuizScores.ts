import { storageApiRef, useApi } from '@backstage/core-plugin-api';
import { useCallback, useEffect, useMemo, useState } from 'react';

/** The storage bucket of the learning page (per user with the app's storage API). */
export const LEARNING_BUCKET = 'gitops-learning';
const SCORES_KEY = 'quiz-scores';

/** A user's results for one quiz. */
export type QuizScore = {
  /** Most correct answers in one attempt. */
  best: number;
  /** Correct answers in the latest attempt. */
  last: number;
  /** Questions in the quiz when last taken. */
  total: number;
  attempts: number;
  /** ISO time of the latest attempt. */
  completedAt: string;
};

/** By quiz key: an entry id, or {@link SKILL_CHECK_KEY}. */
export type QuizScores = Record<string, QuizScore>;

/** Key of the skill check's score; entry quizzes use their entry id. */
export const SKILL_CHECK_KEY = '@skill-check';

/**
 * The user's quiz scores, kept up to date across tabs, and a way to record
 * a finished attempt.
 */
export function useQuizScores(): {
  scores: QuizScores;
  record(key: string, correct: number, total: number): Promise<void>;
} {
  const storageApi = useApi(storageApiRef);
  const bucket = useMemo(
    () => storageApi.forBucket(LEARNING_BUCKET),
    [storageApi],
  );
  const [scores, setScores] = useState<QuizScores>(
    () => bucket.snapshot<QuizScores>(SCORES_KEY).value ?? {},
  );

  useEffect(() => {
    setScores(bucket.snapshot<QuizScores>(SCORES_KEY).value ?? {});
    const subscription = bucket
      .observe$<QuizScores>(SCORES_KEY)
      .subscribe(snapshot => setScores(snapshot.value ?? {}));
    return () => subscription.unsubscribe();
  }, [bucket]);

  const record = useCallback(
    async (key: string, correct: number, total: number) => {
      const current = bucket.snapshot<QuizScores>(SCORES_KEY).value ?? {};
      const previous = current[key];
      const next: QuizScores = {
        ...current,
        [key]: {
          best: Math.max(previous?.best ?? 0, correct),
          last: correct,
          total,
          attempts: (previous?.attempts ?? 0) + 1,
          completedAt: new Date().toISOString(),
        },
      };
      await bucket.set(SCORES_KEY, next);
    },
    [bucket],
  );

  return { scores, record };
}

/** `3/4 best`, for lists and headers. */
export function formatBest(score: QuizScore | undefined): string | undefined {
  return score ? `${score.best}/${score.total} best` : undefined;
}
