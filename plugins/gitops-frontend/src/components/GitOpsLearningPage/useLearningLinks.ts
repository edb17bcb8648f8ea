import { useRouteRef } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import { rootRouteRef } from '../../routes';

/** Absolute links inside the learning page, wherever the app mounts it. */
export interface LearningLinks {
  overview: string;
  entry(id: string): string;
  quiz(id: string): string;
  skillCheck: string;
}

export function useLearningLinks(): LearningLinks {
  const root = useRouteRef(rootRouteRef)();
  return useMemo(() => {
    const base = root.replace(/\/+$/, '');
    return {
      overview: base || '/',
      entry: id => `${base}/entries/${encodeURIComponent(id)}`,
      quiz: id => `${base}/quiz/${encodeURIComponent(id)}`,
      skillCheck: `${base}/skill-check`,
    };
  }, [root]);
}
