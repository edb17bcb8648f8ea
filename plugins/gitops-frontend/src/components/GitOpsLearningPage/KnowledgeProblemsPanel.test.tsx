import { storageApiRef } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { gitopsKnowledgeProblemsReadPermission } from '@gitops-guide/backstage-plugin-gitops-common';
import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { gitOpsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  fakeKnowledgeApi,
  FakeKnowledgeApi,
  PROBLEMS,
} from './__fixtures__/knowledge';
import { GitOpsLearningPage } from './GitOpsLearningPage';

/**
 * The learning page for a user allowed gitops.knowledge.problems.read
 * (usePermission caches decisions for the whole file; denied users are in
 * GitOpsLearningPage.test.tsx).
 */
describe('the knowledge problems panel', () => {
  let api: FakeKnowledgeApi;
  const permissionApi = mockApis.permission({
    authorize: request =>
      request.permission.name === gitopsKnowledgeProblemsReadPermission.name
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
  });

  beforeEach(() => {
    api = fakeKnowledgeApi();
  });

  function renderPage() {
    return renderInTestApp(
      <TestApiProvider
        apis={[
          [gitOpsApiRef, api],
          [storageApiRef, mockApis.storage()],
          [permissionApiRef, permissionApi],
        ]}
      >
        <Routes>
          <Route path="/gitops/*" element={<GitOpsLearningPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/gitops'], mountedRoutes: { '/gitops': rootRouteRef } },
    );
  }

  it('lists the skipped files, each field and reason, above the learning paths', async () => {
    api.getKnowledgeProblems.mockResolvedValue({ problems: PROBLEMS });

    await renderPage();

    const panel = await screen.findByTestId('knowledge-problems');
    expect(
      within(panel).getByText('2 content files were skipped or partly loaded'),
    ).toBeInTheDocument();
    expect(
      within(panel)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'knowledge/acme/acme-deploys.md: level: must be one of entry, senior, sre',
      'knowledge/acme/acme-deploys.md: quiz.0.answer: must be a 0-based index into options (0..1)',
      'knowledge/acme/skill-check.yaml: Nested mappings are not allowed in compact mappings',
    ]);
    // The rest of the page still works.
    expect(await screen.findByText('1. Entry')).toBeInTheDocument();
    expect(api.getKnowledgeProblems).toHaveBeenCalledTimes(1);
  });

  it('says "file was" for one file', async () => {
    api.getKnowledgeProblems.mockResolvedValue({ problems: [PROBLEMS[0]] });

    await renderPage();

    expect(
      await screen.findByText('1 content file was skipped or partly loaded'),
    ).toBeInTheDocument();
  });

  it('shows nothing when all content loaded', async () => {
    await renderPage();
    await screen.findByText('1. Entry');

    await waitFor(() => expect(api.getKnowledgeProblems).toHaveBeenCalled());
    expect(screen.queryByTestId('knowledge-problems')).toBeNull();
  });

  it('shows nothing, and no error, when the backend refuses the list', async () => {
    api.getKnowledgeProblems.mockRejectedValue(
      new Error('Request failed with 403 Forbidden'),
    );

    await renderPage();
    await screen.findByText('1. Entry');

    await waitFor(() => expect(api.getKnowledgeProblems).toHaveBeenCalled());
    expect(screen.queryByTestId('knowledge-problems')).toBeNull();
    expect(screen.queryByText(/Forbidden/)).toBeNull();
  });
});
