import ListItemText from '@material-ui/core/ListItemText';
import List from '@material-ui/core/List';
import { renderInTestApp } from '@backstage/test-utils';
import {
  KnowledgeLevel,
  KnowledgeSearchHit,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { screen, within } from '@testing-library/react';
import { rootRouteRef } from '../../routes';
import { LearningPaths } from './LearningPaths';

const hit = (
  id: string,
  title: string,
  extra: Partial<KnowledgeSearchHit> = {},
): KnowledgeSearchHit => ({
  id,
  title,
  kind: 'question',
  level: 'entry',
  topics: ['basics'],
  summary: `About ${title}.`,
  score: 0,
  highlights: [],
  snippets: [],
  ...extra,
});

/** Alphabetical, as a service that ignores `order` would send them. */
const ALPHABETICAL: KnowledgeSearchHit[] = [
  hit('acme-onboarding', 'Acme onboarding'),
  hit('argocd-sync', 'How an Argo CD sync works', { order: 3 }),
  hit('declarative', 'Declarative infrastructure', { order: 2 }),
  hit('principles', 'What GitOps is and its four principles', { order: 1 }),
  hit('sync-policies', 'Argo CD sync policies', {
    level: 'senior',
    order: 1,
  }),
  hit('runbook-sync-failed', 'Runbook: sync failed', {
    kind: 'runbook',
    level: 'sre',
  }),
];

/**
 * The `white-space` that single-class rules give an element, as the browser
 * cascades them: the last matching rule in document order wins. (jsdom's
 * getComputedStyle walks style sheets in creation order instead, which loses
 * the order JSS inserts them in.)
 */
function cascadedWhiteSpace(element: Element): string | undefined {
  return Array.from(document.querySelectorAll('style'))
    .flatMap(style => Array.from(style.sheet?.cssRules ?? []))
    .filter(
      (rule): rule is CSSStyleRule =>
        rule instanceof CSSStyleRule &&
        /^\.[\w-]+$/.test(rule.selectorText) &&
        element.classList.contains(rule.selectorText.slice(1)) &&
        rule.style.getPropertyValue('white-space') !== '',
    )
    .map(rule => rule.style.getPropertyValue('white-space'))
    .pop();
}

describe('LearningPaths', () => {
  const render = (entries: KnowledgeSearchHit[]) =>
    renderInTestApp(<LearningPaths entries={entries} scores={{}} />, {
      mountedRoutes: { '/gitops': rootRouteRef },
    });

  const pathTitles = (level: KnowledgeLevel) =>
    within(screen.getByTestId(`learning-path-${level}`))
      .getAllByRole('link')
      .map(link => link.textContent);

  it('lists each level path in teaching order, questions without an order last', async () => {
    await render(ALPHABETICAL);

    expect(pathTitles('entry')).toEqual([
      'What GitOps is and its four principles',
      'Declarative infrastructure',
      'How an Argo CD sync works',
      'Acme onboarding',
    ]);
    expect(pathTitles('senior')).toEqual(['Argo CD sync policies']);
    expect(screen.queryByTestId('learning-path-sre')).toBeNull();
    expect(
      screen.getByRole('link', { name: 'Runbook: sync failed' }),
    ).toHaveAttribute('href', '/gitops/entries/runbook-sync-failed');
  });

  it('lets long titles wrap instead of cutting them to one line', async () => {
    const title =
      'Managing secrets in GitOps — Sealed Secrets, SOPS, External Secrets Operator';
    await renderInTestApp(
      <>
        <LearningPaths
          entries={[hit('secrets', title, { order: 1 })]}
          scores={{}}
        />
        <List dense>
          <ListItemText primary="Plain dense text" />
        </List>
      </>,
      { mountedRoutes: { '/gitops': rootRouteRef } },
    );
    const textOf = (text: string) =>
      screen.getByText(text).closest('.MuiListItemText-root')!;

    // The theme's rule, as a plain dense ListItemText gets it…
    expect(cascadedWhiteSpace(textOf('Plain dense text'))).toBe('nowrap');
    // …and the paths' titles, which are read in full.
    expect(cascadedWhiteSpace(textOf(title))).toBe('normal');
  });
});
