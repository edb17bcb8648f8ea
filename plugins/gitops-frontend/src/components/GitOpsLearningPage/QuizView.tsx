import Typography from '@material-ui/core/Typography';
import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { gitOpsApiRef } from '../../api';
import { Quiz } from './Quiz';
import { QuizResult } from './QuizResult';
import { useLearningLinks } from './useLearningLinks';
import { SKILL_CHECK_KEY, useQuizScores } from './useQuizScores';
import { useRoutedEntry } from './useRoutedEntry';

/** `/quiz/:id`: the quiz of one entry. */
export const EntryQuizView = () => {
  const links = useLearningLinks();
  const { scores, record } = useQuizScores();
  const { value, loading, error } = useRoutedEntry();

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const entry = value!.entry;
  if (!entry.quiz.length) {
    return (
      <EmptyState
        missing="content"
        title="This entry has no quiz"
        action={<Link to={links.entry(entry.id)}>Read “{entry.title}”</Link>}
      />
    );
  }

  return (
    <Quiz
      key={entry.id}
      title={`Quiz: ${entry.title}`}
      items={entry.quiz}
      onFinish={(correct, total) => record(entry.id, correct, total)}
      renderResult={(_correct, _total, restart) => (
        <QuizResult
          saved={scores[entry.id]}
          restart={restart}
          back={{ to: links.entry(entry.id), label: 'Back to the entry' }}
          overview={links.overview}
        />
      )}
    />
  );
};

/** `/skill-check`: the cross-topic quiz, each answer linking to its entries. */
export const SkillCheckView = () => {
  const api = useApi(gitOpsApiRef);
  const links = useLearningLinks();
  const { scores, record } = useQuizScores();
  const { value, loading, error } = useAsync(() => api.getSkillCheck(), [api]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const check = value!;

  return (
    <Quiz
      title={check.title}
      items={check.items}
      onFinish={(correct, total) => record(SKILL_CHECK_KEY, correct, total)}
      renderFeedbackExtra={index =>
        check.items[index].related.length > 0 && (
          <Typography variant="body2" component="p">
            Read more:{' '}
            {check.items[index].related.map((id, i) => (
              <span key={id}>
                {i > 0 && ', '}
                <Link to={links.entry(id)}>{id.replace(/-/g, ' ')}</Link>
              </span>
            ))}
          </Typography>
        )
      }
      renderResult={(_correct, _total, restart) => (
        <QuizResult
          saved={scores[SKILL_CHECK_KEY]}
          restart={restart}
          back={{ to: links.overview, label: 'Overview' }}
          overview={links.overview}
        />
      )}
    />
  );
};
