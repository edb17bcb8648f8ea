import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { rootRouteRef } from '../../routes';
import { ExplanationsPanel } from './ExplanationsPanel';

describe('ExplanationsPanel', () => {
  it('says so when nothing matches the live status', async () => {
    await renderInTestApp(<ExplanationsPanel explanations={[]} />);
    expect(screen.getByTestId('gitops-explanations')).toHaveTextContent(
      "Nothing stands out: no knowledge entry matches this application's live status.",
    );
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('encodes entry ids in the learning page link', async () => {
    await renderInTestApp(
      <ExplanationsPanel
        explanations={[
          {
            id: 'odd id/../x',
            title: 'Odd',
            kind: 'glossary',
            why: 'because',
            score: 1,
          },
        ]}
      />,
      { mountedRoutes: { '/gitops': rootRouteRef } },
    );
    expect(screen.getByRole('link', { name: 'Odd' })).toHaveAttribute(
      'href',
      '/gitops/entries/odd%20id%2F..%2Fx',
    );
    expect(screen.getByText('Glossary')).toBeInTheDocument();
  });
});
