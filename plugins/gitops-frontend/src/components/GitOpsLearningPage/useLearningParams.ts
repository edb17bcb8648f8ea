import { useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isKind, isLevel } from './labels';
import { LearningFilterValues } from './LearningFilters';

/**
 * The overview's query and filters, read from the URL
 * (`?q=&topic=&level=&kind=`), and `update` to change some of them in it.
 */
export function useLearningParams() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const level = params.get('level');
  const kind = params.get('kind');
  const filters: LearningFilterValues = {
    topic: params.get('topic') || undefined,
    level: isLevel(level) ? level : undefined,
    kind: isKind(kind) ? kind : undefined,
  };
  // The debounced search may fire after a filter changed: build on the latest URL.
  const latestParams = useRef(params);
  latestParams.current = params;

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(latestParams.current);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  return { q, filters, update };
}
