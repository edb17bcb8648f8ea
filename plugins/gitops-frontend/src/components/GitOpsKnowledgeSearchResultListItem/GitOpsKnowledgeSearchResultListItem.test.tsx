import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { GitOpsKnowledgeSearchResultListItem } from './GitOpsKnowledgeSearchResultListItem';

const runbook = {
  title: 'Runbook: sync failed',
  text: 'Read the message and fix the manifest.\n\nA message like …',
  location: '/gitops/entries/runbook-sync-failed',
  kind: 'runbook',
  level: 'sre',
  summary: 'Read the message and fix the manifest.',
};

describe('GitOpsKnowledgeSearchResultListItem', () => {
  it('shows the title as a link, the kind, the level and the summary', async () => {
    await renderInTestApp(
      <GitOpsKnowledgeSearchResultListItem result={runbook} />,
    );
    expect(
      screen.getByRole('link', { name: 'Runbook: sync failed' }),
    ).toHaveAttribute('href', '/gitops/entries/runbook-sync-failed');
    expect(screen.getByText('Runbook')).toBeInTheDocument();
    expect(screen.getByText('Level: SRE')).toBeInTheDocument();
    expect(
      screen.getByText('Read the message and fix the manifest.'),
    ).toBeInTheDocument();
  });

  it('highlights matched words in the title', async () => {
    await renderInTestApp(
      <GitOpsKnowledgeSearchResultListItem
        result={runbook}
        highlight={{
          preTag: '<em>',
          postTag: '</em>',
          fields: { title: 'Runbook: <em>sync</em> failed' },
        }}
      />,
    );
    expect(screen.getByText('sync').tagName).toBe('MARK');
  });

  it('falls back to the first paragraph without a summary, and skips unknown kinds', async () => {
    const odd = { ...runbook, summary: undefined, kind: 'poem', level: 9 };
    await renderInTestApp(<GitOpsKnowledgeSearchResultListItem result={odd} />);
    expect(
      screen.getByText('Read the message and fix the manifest.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Runbook')).not.toBeInTheDocument();
    expect(screen.queryByText(/Level:/)).not.toBeInTheDocument();
  });

  it('renders nothing without a result', async () => {
    await renderInTestApp(<GitOpsKnowledgeSearchResultListItem />);
    expect(
      screen.queryByTestId('gitops-knowledge-search-result'),
    ).not.toBeInTheDocument();
  });
});
