import { SearchResultListItemExtensions } from '@backstage/plugin-search-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { GitOpsKnowledgeSearchResultListItem } from './plugin';

// A knowledge document as the search backend returns it.
const selfHeal = {
  title: 'Self-heal',
  text: 'Argo CD reverts live edits.',
  location: '/gitops/entries/glossary-self-heal',
  kind: 'glossary',
  level: 'entry',
  summary: 'Argo CD reverts live edits.',
};

describe('legacy search result extension', () => {
  it('renders gitops-knowledge results and leaves others to other items', async () => {
    await renderInTestApp(
      <SearchResultListItemExtensions
        results={[
          { type: 'gitops-knowledge', document: selfHeal },
          {
            type: 'software-catalog',
            document: {
              title: 'payments-api',
              text: 'Card payments',
              location: '/catalog/default/component/payments-api',
            },
          },
        ]}
      >
        <GitOpsKnowledgeSearchResultListItem />
      </SearchResultListItemExtensions>,
    );
    const items = await screen.findAllByTestId(
      'gitops-knowledge-search-result',
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('Self-heal');
    expect(items[0]).toHaveTextContent('Level: Entry');
    expect(screen.getByText('payments-api')).toBeInTheDocument();
  });
});
