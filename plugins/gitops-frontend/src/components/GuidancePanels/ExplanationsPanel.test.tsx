import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { rootRouteRef } from '../../routes';
import { devApp, prodApp } from '../shared/__fixtures__/applications';
import { ExplanationsPanel } from './ExplanationsPanel';

const mounted = { mountedRoutes: { '/gitops': rootRouteRef } };

describe('ExplanationsPanel', () => {
  it('says there is nothing to do for a healthy, synced application, with one link to learn more', async () => {
    await renderInTestApp(
      <ExplanationsPanel app={devApp} explanations={[]} />,
      mounted,
    );
    const panel = screen.getByTestId('gitops-explanations');
    expect(panel).toHaveTextContent(
      'Nothing to do: payments-api-dev is synced and healthy.',
    );
    expect(screen.getAllByRole('link')).toHaveLength(1);
    expect(
      screen.getByRole('link', { name: 'Learn how GitOps status works' }),
    ).toHaveAttribute('href', '/gitops');
  });

  it('says no entry covers a problem instead of padding the list, and offers a search', async () => {
    await renderInTestApp(
      <ExplanationsPanel app={prodApp} explanations={[]} />,
      mounted,
    );
    const panel = screen.getByTestId('gitops-explanations');
    expect(panel).toHaveTextContent(
      'No knowledge entry covers what payments-api-prod reports yet.',
    );
    expect(panel).not.toHaveTextContent('Nothing to do');
    expect(
      screen.getByRole('link', { name: /Search the learning page/ }),
    ).toHaveAttribute('href', '/gitops?q=Degraded');
  });

  it('says why each entry applies and encodes entry ids in the learning page link', async () => {
    await renderInTestApp(
      <ExplanationsPanel
        app={prodApp}
        explanations={[
          {
            id: 'odd id/../x',
            title: 'Odd',
            kind: 'glossary',
            why: 'health is Degraded',
            score: 1,
          },
        ]}
      />,
      mounted,
    );
    expect(screen.getByRole('link', { name: 'Odd' })).toHaveAttribute(
      'href',
      '/gitops/entries/odd%20id%2F..%2Fx',
    );
    expect(screen.getByText('Glossary')).toBeInTheDocument();
    expect(screen.getByTestId('gitops-explanations')).toHaveTextContent(
      'Why this applies: health is Degraded',
    );
  });
});
