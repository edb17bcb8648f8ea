import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { gitOpsApiRef, KnowledgeQuery } from '../../api';
import { isKind, isLevel } from './labels';
import { LearningFilters, LearningFilterValues } from './LearningFilters';
import { LearningPaths } from './LearningPaths';
import { SearchResultList } from './SearchResultList';
import { SkillCheckCard } from './SkillCheckCard';
import { useQuizScores } from './useQuizScores';

const SEARCH_DELAY_MS = 250;

/**
 * Search, filters, learning paths and the skill check. The query and the
 * filters live in the URL (`?q=&topic=&level=&kind=`) so a search can be
 * shared and the back button returns to it.
 */
export const LearningOverview = () => {
  const api = useApi(gitOpsApiRef);
  const { scores } = useQuizScores();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const level = params.get('level');
  const kind = params.get('kind');
  const filters: LearningFilterValues = {
    topic: params.get('topic') || undefined,
    level: isLevel(level) ? level : undefined,
    kind: isKind(kind) ? kind : undefined,
  };
  const [text, setText] = useState(q);
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

  useDebounce(
    () => {
      if (text.trim() !== q) update({ q: text.trim() });
    },
    SEARCH_DELAY_MS,
    [text],
  );

  const query: KnowledgeQuery = compact({ q, ...filters });
  const queryKey = JSON.stringify(query);
  // The answer carries its query: while the next one loads, the page keeps
  // showing the previous answer the way it was asked (paths or results).
  const search = useAsync(
    async () => ({ query, response: await api.searchKnowledge(query) }),
    [api, queryKey],
  );
  const facets = useAsync(() => api.getKnowledgeTopics(), [api]);
  const answer = search.value;

  let body;
  if (search.error) {
    body = <ResponseErrorPanel error={search.error} />;
  } else if (!answer) {
    body = <Progress />;
  } else if (answer.query.q) {
    body = (
      <SearchResultList results={answer.response.results} scores={scores} />
    );
  } else {
    body = <LearningPaths entries={answer.response.results} scores={scores} />;
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} lg={8}>
        <LearningFilters
          text={text}
          onTextChange={setText}
          filters={filters}
          onFiltersChange={update}
          facets={facets.value}
        />
      </Grid>
      <Grid item xs={12} lg={4}>
        <SkillCheckCard
          scores={scores}
          questionIds={
            answer && !answer.query.q && !answer.query.kind
              ? answer.response.results
                  .filter(r => r.kind === 'question')
                  .map(r => r.id)
              : []
          }
        />
      </Grid>
      <Grid item xs={12}>
        {search.loading && answer && <LinearProgress />}
        {body}
      </Grid>
    </Grid>
  );
};

/** The query without empty values, so the API sees only what is set. */
function compact(query: KnowledgeQuery): KnowledgeQuery {
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value),
  ) as KnowledgeQuery;
}
