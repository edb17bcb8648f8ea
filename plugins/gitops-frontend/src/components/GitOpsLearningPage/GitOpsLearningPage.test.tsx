import { storageApiRef, StorageApi } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { gitOpsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  ENTRIES,
  fakeKnowledgeApi,
  FakeKnowledgeApi,
  PROBLEMS,
} from './__fixtures__/knowledge';
import { GitOpsLearningPage } from './GitOpsLearningPage';
import { LEARNING_BUCKET, QuizScores, SKILL_CHECK_KEY } from './useQuizScores';

describe('GitOpsLearningPage', () => {
  let api: FakeKnowledgeApi;
  let storage: StorageApi;

  beforeEach(() => {
    api = fakeKnowledgeApi();
    storage = mockApis.storage();
  });

  const savedScores = () =>
    storage.forBucket(LEARNING_BUCKET).snapshot<QuizScores>('quiz-scores')
      .value;

  function renderPage(path: string) {
    return renderInTestApp(
      <TestApiProvider
        apis={[
          [gitOpsApiRef, api],
          [storageApiRef, storage],
          // usePermission caches decisions for the whole file: every test
          // here is a user without gitops.knowledge.problems.read (allowed
          // users: KnowledgeProblemsPanel.test.tsx).
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.DENY }),
          ],
        ]}
      >
        <Routes>
          <Route path="/gitops/*" element={<GitOpsLearningPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: [path], mountedRoutes: { '/gitops': rootRouteRef } },
    );
  }

  const search = () => screen.getByTestId('learning-search');

  it('shows learning paths by level, then runbooks and the glossary', async () => {
    await renderPage('/gitops');

    expect(await screen.findByText('1. Entry')).toBeInTheDocument();
    expect(screen.getByText('2. Senior')).toBeInTheDocument();
    expect(screen.queryByText('3. SRE')).toBeNull(); // no SRE question in the fixtures
    expect(
      screen.getByRole('link', { name: 'What is GitOps?' }),
    ).toHaveAttribute('href', '/gitops/entries/gitops-principles');
    expect(
      screen.getByRole('link', { name: 'Runbook: sync failed' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Prune' })).toHaveAttribute(
      'href',
      '/gitops/entries/glossary-prune',
    );
    expect(api.searchKnowledge).toHaveBeenLastCalledWith({});
  });

  it('shows no content problems to a user without the permission, and does not ask for them', async () => {
    api.getKnowledgeProblems.mockResolvedValue({ problems: PROBLEMS });

    await renderPage('/gitops');
    await screen.findByText('1. Entry');

    expect(screen.queryByTestId('knowledge-problems')).toBeNull();
    expect(screen.queryByText(/skipped/)).toBeNull();
    expect(api.getKnowledgeProblems).not.toHaveBeenCalled();
  });

  it('searches as you type and renders snippets as text, never as HTML', async () => {
    await renderPage('/gitops');
    await screen.findByText('1. Entry');

    fireEvent.change(search(), { target: { value: 'immutable' } });

    const [result] = await screen.findAllByTestId('learning-result');
    expect(api.searchKnowledge).toHaveBeenLastCalledWith({ q: 'immutable' });
    expect(result).toHaveAttribute(
      'href',
      '/gitops/entries/runbook-sync-failed',
    );
    expect(result).toHaveTextContent(
      '…message <script>alert(1)</script> field is immutable & more…',
    );
    expect(within(result).getByText('immutable').tagName).toBe('MARK');
    expect(document.querySelector('script')).toBeNull();
  });

  it('says so when nothing matches', async () => {
    await renderPage('/gitops?q=xylophone');

    expect(await screen.findByText('No entries match')).toBeInTheDocument();
    expect(search()).toHaveValue('xylophone');
    expect(api.searchKnowledge).toHaveBeenLastCalledWith({ q: 'xylophone' });
  });

  it('calls the API with the chosen level, kind and topic', async () => {
    await renderPage('/gitops');
    await screen.findByText('1. Entry');

    fireEvent.click(screen.getByText('Senior (1)'));
    await waitFor(() =>
      expect(api.searchKnowledge).toHaveBeenLastCalledWith({ level: 'senior' }),
    );

    fireEvent.change(screen.getByTestId('learning-topic'), {
      target: { value: 'argocd' },
    });
    await waitFor(() =>
      expect(api.searchKnowledge).toHaveBeenLastCalledWith({
        level: 'senior',
        topic: 'argocd',
      }),
    );

    fireEvent.click(screen.getByText('Runbooks (1)'));
    await waitFor(() =>
      expect(api.searchKnowledge).toHaveBeenLastCalledWith({
        level: 'senior',
        topic: 'argocd',
        kind: 'runbook',
      }),
    );

    fireEvent.click(screen.getByText('All levels'));
    await waitFor(() =>
      expect(api.searchKnowledge).toHaveBeenLastCalledWith({
        topic: 'argocd',
        kind: 'runbook',
      }),
    );
    expect(
      await screen.findByRole('link', { name: 'Runbook: sync failed' }),
    ).toBeInTheDocument();
  });

  it('renders an entry: markdown, related entries and the quiz button', async () => {
    await renderPage('/gitops/entries/sync-policies');

    expect(
      await screen.findByRole('heading', { name: 'Sync policies' }),
    ).toBeInTheDocument();
    const body = screen.getByTestId('learning-entry-body');
    expect(
      within(body).getByRole('heading', { name: 'When Argo CD applies Git' }),
    ).toBeInTheDocument();
    // GFM: the table renders as a table.
    expect(
      within(body).getByRole('cell', { name: 'deletes what left Git' }),
    ).toBeInTheDocument();
    expect(body).toHaveTextContent('argocd app set payments --self-heal');

    const related = screen.getByTestId('learning-related');
    expect(
      within(related).getByRole('link', { name: 'Runbook: sync failed' }),
    ).toHaveAttribute('href', '/gitops/entries/runbook-sync-failed');
    expect(
      within(related).getByRole('link', { name: 'Prune' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Take the quiz' }),
    ).toHaveAttribute('href', '/gitops/quiz/sync-policies');
    expect(screen.getByText('selfHeal:disabled')).toBeInTheDocument();
    expect(api.getKnowledgeEntry).toHaveBeenCalledWith('sync-policies');
  });

  it('shows the error of an unknown entry', async () => {
    await renderPage('/gitops/entries/no-such-entry');

    expect(
      await screen.findByText(
        'Error: No knowledge entry with id "no-such-entry"',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('learning-entry-body')).toBeNull();
  });

  it('runs a quiz: answer, feedback, next, score, saved per user', async () => {
    await renderPage('/gitops/quiz/sync-policies');

    expect(await screen.findByText('Question 1 of 2')).toBeInTheDocument();
    expect(screen.getByTestId('quiz-next')).toBeDisabled();

    // A wrong answer: told so, with the right one and the explanation.
    fireEvent.click(screen.getAllByTestId('quiz-option')[0]);
    expect(screen.getByTestId('quiz-feedback')).toHaveTextContent(
      'Not quite. The answer is: prune',
    );
    expect(screen.getByTestId('quiz-feedback')).toHaveTextContent(
      'prune deletes tracked objects that Git no longer renders.',
    );
    // One answer per question.
    expect(screen.getAllByTestId('quiz-option')[2]).toBeDisabled();

    fireEvent.click(screen.getByTestId('quiz-next'));
    expect(screen.getByText('Question 2 of 2')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'selfHeal' }));
    expect(screen.getByTestId('quiz-feedback')).toHaveTextContent('Correct.');

    fireEvent.click(screen.getByTestId('quiz-next'));
    expect(screen.getByTestId('quiz-score')).toHaveTextContent(
      'You scored 1 of 2.',
    );
    await waitFor(() =>
      expect(savedScores()).toEqual({
        'sync-policies': {
          best: 1,
          last: 1,
          total: 2,
          attempts: 1,
          completedAt: expect.any(String),
        },
      }),
    );
    expect(
      await screen.findByText('Best so far: 1/2 after 1 attempt.'),
    ).toBeInTheDocument();

    // A better second attempt raises the best score.
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    fireEvent.click(screen.getByRole('button', { name: 'prune' }));
    fireEvent.click(screen.getByTestId('quiz-next'));
    fireEvent.click(screen.getByRole('button', { name: 'selfHeal' }));
    fireEvent.click(screen.getByTestId('quiz-next'));
    expect(screen.getByTestId('quiz-score')).toHaveTextContent(
      'You scored 2 of 2.',
    );
    await waitFor(() =>
      expect(savedScores()?.['sync-policies']).toMatchObject({
        best: 2,
        last: 2,
        attempts: 2,
      }),
    );
  });

  it('shows saved best scores on the overview', async () => {
    await storage.forBucket(LEARNING_BUCKET).set('quiz-scores', {
      'sync-policies': {
        best: 1,
        last: 0,
        total: 2,
        attempts: 3,
        completedAt: '2024-05-01T10:00:00Z',
      },
      [SKILL_CHECK_KEY]: {
        best: 7,
        last: 6,
        total: 11,
        attempts: 2,
        completedAt: '2024-05-01T10:00:00Z',
      },
    });

    await renderPage('/gitops');

    expect(await screen.findByText('1/2 best')).toBeInTheDocument();
    expect(screen.getByText(/Quizzes taken: 1\/1/)).toBeInTheDocument();
    expect(screen.getByText(/Your best: 7\/11/)).toBeInTheDocument();
    expect(
      screen.getByText(/Question quizzes taken: 1\/2/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Retake the skill check' }),
    ).toHaveAttribute('href', '/gitops/skill-check');
  });

  it('runs the skill check with links to the entries that explain each answer', async () => {
    await renderPage('/gitops/skill-check');

    expect(
      await screen.findByText('Where does the desired state live?'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'In Git' }));
    expect(
      screen.getByRole('link', { name: 'gitops principles' }),
    ).toHaveAttribute('href', '/gitops/entries/gitops-principles');
    fireEvent.click(screen.getByTestId('quiz-next'));

    expect(screen.getByTestId('quiz-score')).toHaveTextContent(
      'You scored 1 of 1.',
    );
    await waitFor(() =>
      expect(savedScores()?.[SKILL_CHECK_KEY]).toMatchObject({
        best: 1,
        total: 1,
      }),
    );
  });

  it('goes from a search to an entry, its quiz and the score', async () => {
    await renderPage('/gitops');
    await screen.findByText('1. Entry');

    fireEvent.change(search(), { target: { value: 'immutable' } });
    fireEvent.click((await screen.findAllByTestId('learning-result'))[0]);
    expect(
      await screen.findByRole('heading', { name: 'Runbook: sync failed' }),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('link', { name: 'All entries' }));
    fireEvent.click(await screen.findByRole('link', { name: 'Sync policies' }));
    fireEvent.click(
      await screen.findByRole('button', { name: 'Take the quiz' }),
    );
    fireEvent.click((await screen.findAllByTestId('quiz-option'))[1]);
    fireEvent.click(screen.getByTestId('quiz-next'));
    fireEvent.click(screen.getAllByTestId('quiz-option')[0]);
    fireEvent.click(screen.getByTestId('quiz-next'));

    expect(screen.getByTestId('quiz-score')).toHaveTextContent(
      'You scored 2 of 2.',
    );
    expect(ENTRIES).toHaveLength(4);
  });
});
