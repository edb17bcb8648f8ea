import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { RollbackPlan } from '@gitops-guide/backstage-plugin-gitops-common';
import {
  BAD_SHA,
  GOOD_SHA,
  REPO,
  rollbackGuidance,
} from '../shared/__fixtures__/applications';
import { RollbackPanel } from './RollbackPanel';

// What CopyTextButton ends up calling (through react-use's useCopyToClipboard).
const mockCopy = jest.fn((_text: string) => true);
jest.mock('copy-to-clipboard', () => (text: string) => mockCopy(text));

describe('RollbackPanel', () => {
  beforeEach(() => mockCopy.mockClear());

  it('copies exactly the commands of the step whose button is pressed', async () => {
    await renderInTestApp(
      <RollbackPanel
        plan={rollbackGuidance.rollback}
        source={{ repoURL: REPO }}
      />,
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Copy the commands of step 2' }),
    );
    await waitFor(() => expect(mockCopy).toHaveBeenCalledTimes(1));
    expect(mockCopy.mock.calls[0][0]).toBe(
      'argocd app set payments-api-prod --sync-policy none\nargocd app rollback payments-api-prod 6',
    );

    fireEvent.click(
      screen.getByRole('button', { name: 'Copy the commands of step 1' }),
    );
    await waitFor(() => expect(mockCopy).toHaveBeenCalledTimes(2));
    expect(mockCopy.mock.calls[1][0]).toBe(`git revert ${BAD_SHA}\ngit push`);
  });

  it('shows a suspect that only exists as a failed sync, and a missing known-good revision', async () => {
    const plan: RollbackPlan = {
      state: 'unknown',
      reason: 'Only one successful sync in history.',
      knownGood: null,
      suspect: { id: -1, revision: BAD_SHA, origin: 'operation' },
      steps: [],
      warnings: [],
    };
    await renderInTestApp(
      <RollbackPanel plan={plan} source={{ repoURL: REPO }} />,
    );
    expect(screen.getByTestId('gitops-rollback-state')).toHaveTextContent(
      'Not enough history',
    );
    expect(
      within(screen.getByTestId('gitops-rollback-known-good')).getByText(
        'None found',
      ),
    ).toBeInTheDocument();
    const suspect = within(screen.getByTestId('gitops-rollback-suspect'));
    expect(
      suspect.getByText(/failed sync, not in history/),
    ).toBeInTheDocument();
    expect(suspect.getByRole('link')).toHaveAttribute(
      'href',
      `https://github.com/acme/payments-api/commit/${BAD_SHA}`,
    );
    expect(screen.queryByRole('list', { name: 'Rollback steps' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Copy/ })).toBeNull();
  });

  it('links each source revision of a multi-source application, and none for a chart version', async () => {
    const plan: RollbackPlan = {
      ...rollbackGuidance.rollback,
      knownGood: {
        id: 3,
        revision: GOOD_SHA,
        revisions: [GOOD_SHA, '1.2.0'],
        origin: 'history',
      },
    };
    await renderInTestApp(
      <RollbackPanel
        plan={plan}
        sources={[
          { repoURL: 'https://gitlab.com/acme/values.git', ref: 'values' },
          { repoURL: 'https://charts.example.com', chart: 'payments' },
        ]}
      />,
    );
    const good = within(screen.getByTestId('gitops-rollback-known-good'));
    expect(good.getByText(GOOD_SHA.slice(0, 7)).closest('a')).toHaveAttribute(
      'href',
      `https://gitlab.com/acme/values/-/commit/${GOOD_SHA}`,
    );
    expect(good.getByText('1.2.0').closest('a')).toBeNull();
  });
});
