import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { KnowledgeSearchResponse } from '@gitops-guide/backstage-plugin-gitops-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { gitOpsApiRef, KnowledgeQuery } from '../../api';
import { KnowledgeProblemsPanel } from './KnowledgeProblemsPanel';
import { LearningFilters } from './LearningFilters';
import { LearningPaths } from './LearningPaths';
import { SearchResultList } from './SearchResultList';
import { SkillCheckCard } from './SkillCheckCard';
import { useLearningParams } from './useLearningParams';
import { QuizScores, useQuizScores } from './useQuizScores';

const SEARCH_DELAY_MS = 250;

/** A search response with the query it answers. */
interface SearchAnswer {
  query: KnowledgeQuery;
  response: KnowledgeSearchResponse;
}

/** The query without empty values, so the API sees only what is set. */
function compact(query: KnowledgeQuery): KnowledgeQuery {
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value),
  ) as KnowledgeQuery;
}

/** The question entries of an unfiltered listing, for the skill check's progress. */
function skillCheckQuestionIds(answer: SearchAnswer | undefined): string[] {
  return answer && !answer.query.q && !answer.query.kind
    ? answer.response.results.filter(r => r.kind === 'question').map(r => r.id)
    : [];
}

/** Results for a text query, otherwise the learning paths. */
const SearchAnswerView = (props: {
  answer?: SearchAnswer;
  error?: Error;
  scores: QuizScores;
}) => {
  const { answer, error, scores } = props;
  if (error) {
    return <ResponseErrorPanel error={error} />;
  } else if (!answer) {
    return <Progress />;
  } else if (answer.query.q) {
    return (
      <SearchResultList results={answer.response.results} scores={scores} />
    );
  }
  return <LearningPaths entries={answer.response.results} scores={scores} />;
};

/**
 * Search, filters, learning paths and the skill check, under the content
 * problems for those allowed to see them. The query and the filters live in
 * the URL (`?q=&topic=&level=&kind=`) so a search can be shared and the
 * back button returns to it.
 */
export const LearningOverview = () => {
  const api = useApi(gitOpsApiRef);
  const { scores } = useQuizScores();
  const { q, filters, update } = useLearningParams();
  const [text, setText] = useState(q);

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

  return (
    <>
      <KnowledgeProblemsPanel />
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
            questionIds={skillCheckQuestionIds(answer)}
          />
        </Grid>
        <Grid item xs={12}>
          {search.loading && answer && <LinearProgress />}
          <SearchAnswerView
            answer={answer}
            error={search.error}
            scores={scores}
          />
        </Grid>
      </Grid>
    </>
  );
};
