import {
  KnowledgeEntry,
  KnowledgeQuery,
  KnowledgeSearchHit,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { entry, FIXTURE_ENTRIES } from './__fixtures__/knowledgeFixtures';
import { bundledContentDirectory } from './bundledContentDirectory';
import { KnowledgeSearchIndex } from './KnowledgeSearchIndex';
import { loadKnowledgeBase } from './loadKnowledgeBase';

/** The words a hit's snippets mark, in order. */
const marked = (hit: KnowledgeSearchHit) =>
  hit.snippets.flat().flatMap(s => (s.match ? [s.text] : []));

describe('KnowledgeSearchIndex', () => {
  describe('over the bundled content', () => {
    let index: KnowledgeSearchIndex;
    let entries: KnowledgeEntry[];
    const ids = (query: KnowledgeQuery) =>
      index.search(query).results.map(r => r.id);

    beforeAll(async () => {
      ({ entries } = await loadKnowledgeBase({
        directories: [bundledContentDirectory()],
      }));
      index = new KnowledgeSearchIndex(entries);
    });

    it('finds the sync-failed runbook first for "immutable"', () => {
      expect(ids({ q: 'immutable' })[0]).toBe('runbook-sync-failed');
    });

    it.each(['selfheal', 'self heal', 'self-heal', 'selfHeal'])(
      'finds the sync policies for %j',
      q => {
        expect(ids({ q }).slice(0, 3)).toContain('sync-policies');
      },
    );

    it('finds the secrets entry first for "sealed secrets"', () => {
      expect(ids({ q: 'sealed secrets' })[0]).toBe('secrets-management');
    });

    it('finds the rollback runbook despite the typo "rolback"', () => {
      expect(ids({ q: 'rolback' })[0]).toBe('runbook-rollback');
    });

    it('treats "vs" as "versus"', () => {
      expect(ids({ q: 'push vs pull' })[0]).toBe('push-vs-pull');
    });

    it('ranks runbooks first for troubleshooting words', () => {
      const [first] = index.search({ q: 'sync failed' }).results;
      expect(first).toMatchObject({
        id: 'runbook-sync-failed',
        kind: 'runbook',
      });
    });

    it('filters by kind, level and topic', () => {
      const runbooks = index.search({ q: 'sync', kind: 'runbook' }).results;
      expect(runbooks.length).toBeGreaterThan(0);
      expect(runbooks.every(r => r.kind === 'runbook')).toBe(true);

      const entryLevel = index.search({ q: 'sync', level: 'entry' }).results;
      expect(entryLevel.length).toBeGreaterThan(0);
      expect(entryLevel.every(r => r.level === 'entry')).toBe(true);

      const secrets = index.search({ q: 'git', topic: 'secrets' }).results;
      expect(secrets.map(r => r.id)).toContain('secrets-management');
      expect(secrets.every(r => r.topics.includes('secrets'))).toBe(true);
    });

    it('lists every entry by level, then teaching order, then title, when there is no query', () => {
      const { results, total } = index.search({});
      expect(total).toBe(entries.length);
      const levels = results.map(r => r.level);
      expect(levels).toEqual(
        [...levels].sort(
          (a, b) =>
            ['entry', 'senior', 'sre'].indexOf(a) -
            ['entry', 'senior', 'sre'].indexOf(b),
        ),
      );
      const entryLevel = results.filter(r => r.level === 'entry');
      // The questions' path first, as numbered (and as the hits say)…
      const path = entryLevel.filter(r => r.order !== undefined);
      expect(path.map(r => r.order)).toEqual(path.map((_, i) => i + 1));
      expect(path.every(r => r.kind === 'question')).toBe(true);
      expect(path[0].title).toBe('What GitOps is and its four principles');
      // …then the entries without an order, by title.
      const rest = entryLevel.slice(path.length).map(r => r.title);
      expect(rest.length).toBeGreaterThan(0);
      expect(rest).toEqual(
        [...rest].sort((a, b) =>
          a.localeCompare(b, 'en', { sensitivity: 'base' }),
        ),
      );
      expect(
        results.every(
          r => r.score === 0 && !r.snippets.length && !r.highlights.length,
        ),
      ).toBe(true);
    });

    it.each([
      ['secrest management', 'secrets-management'],
      ['reconc', 'glossary-reconciliation'],
      ['drfit', 'glossary-drift'],
      ['flux vs argo', 'flux-vs-argocd'],
      ['difference between flux and argo cd', 'flux-vs-argocd'],
      ['sealed secrets or sops', 'secrets-management'],
    ])('ranks the entry about it first for the probe %j', (q, first) => {
      expect(ids({ q })[0]).toBe(first);
    });

    it.each([
      ['passwords in the repo', 'secrets-management'],
      ['holiday freeze', 'glossary-sync-window'],
      ['why did argo delete my configmap', 'glossary-prune'],
      ['argo keeps putting it back', 'glossary-self-heal'],
      ['paged for a failed sync', 'observability-and-alerting'],
    ])('meets everyday words: %j', (q, answer) => {
      expect(ids({ q }).slice(0, 3)).toContain(answer);
    });

    it('marks the matched words in at most two snippets', () => {
      const [hit] = index.search({ q: 'immutable' }).results;
      expect(hit.snippets.length).toBeGreaterThan(0);
      expect(hit.snippets.length).toBeLessThanOrEqual(2);
      expect(marked(hit).length).toBeGreaterThan(0);
      expect(marked(hit).every(word => /^immutable$/i.test(word))).toBe(true);
    });
  });

  describe('ranking rules', () => {
    const index = new KnowledgeSearchIndex([
      entry({
        id: 'releases',
        title: 'Releases',
        body: 'Cut a draft release.',
      }),
      entry({ id: 'drift', title: 'Drift', body: 'Drift detection.' }),
      entry({
        id: 'pruning',
        title: 'Pruning',
        body: 'Objects that left Git are pruned.',
      }),
      entry({
        id: 'namespaces',
        title: 'Namespaces',
        body: 'A namespace deleted by hand comes back on the next sync.',
        quiz: [
          {
            prompt: 'Which sync option makes the destination namespace?',
            options: ['CreateNamespace=true', 'Replace=true'],
            answer: 0,
            explanation: 'It creates the namespace when it is missing.',
          },
        ],
      }),
      entry({
        id: 'windows',
        title: 'Sync windows',
        body: 'A sync window blocks syncs on a schedule.',
        askedAs: ['stop deploys on weekends'],
      }),
    ]);
    const ids = (q: string) => index.search({ q }).results.map(r => r.id);

    it('never fuzzes a word the content knows', () => {
      expect(ids('drift')).toEqual(['drift']);
    });

    it('finds a word it does not know by its typo or prefix', () => {
      expect(ids('drfit')[0]).toBe('drift');
      expect(ids('relea')[0]).toBe('releases');
    });

    it('finds what the content calls an everyday word, below the word itself', () => {
      expect(ids('freeze')).toEqual(['windows']);
      expect(ids('deleted')).toEqual(
        expect.arrayContaining(['namespaces', 'pruning']),
      );
      const sameShape = new KnowledgeSearchIndex([
        entry({ id: 'said', body: 'Objects get deleted.' }),
        entry({ id: 'meant', body: 'Objects get pruned.' }),
      ]);
      expect(sameShape.search({ q: 'deleted' }).results.map(r => r.id)).toEqual(
        ['said', 'meant'],
      );
    });

    it('matches the questions an entry is asked as', () => {
      expect(ids('deploys on weekends')).toEqual(['windows']);
    });

    it('matches the questions of its quiz and their answers', () => {
      expect(ids('createnamespace option')[0]).toBe('namespaces');
    });
  });

  describe('over a small corpus', () => {
    const index = new KnowledgeSearchIndex(FIXTURE_ENTRIES);

    it('cuts snippets into plain text and matched words, markup and all', () => {
      const [hit] = index.search({ q: 'immutable' }).results;

      expect(hit.id).toBe('runbook-sync-failed');
      expect(hit.snippets).toEqual([
        [
          {
            text: 'A message like <script>alert("x")</script> field is ',
            match: false,
          },
          { text: 'immutable', match: true },
          {
            text: ' means the object must be replaced & re-created.',
            match: false,
          },
        ],
      ]);
    });

    it('keeps the deprecated highlights: the same snippets as escaped HTML', () => {
      const [hit] = index.search({ q: 'immutable' }).results;

      expect(hit.highlights).toEqual([
        'A message like &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; field is <mark>immutable</mark> means the object must be replaced &amp; re-created.',
      ]);
    });

    it('marks hyphenated and camelCased compounds', () => {
      const [hit] = index.search({ q: 'selfheal' }).results;

      expect(hit.id).toBe('sync-policies');
      expect(marked(hit)).toEqual(
        expect.arrayContaining(['self-heal', 'selfHeal']),
      );
    });

    it('splits an unknown glued word into known words', () => {
      const [hit] = index.search({ q: 'manualedit' }).results;

      expect(hit.id).toBe('sync-policies');
      expect(marked(hit)).toEqual(expect.arrayContaining(['manual', 'edit']));
    });

    it('ranks entries with every word first, then those with some', () => {
      const both = index.search({ q: 'prune git' }).results.map(r => r.id);
      expect(both[0]).toBe('glossary-prune');
      expect(both.slice(1)).not.toContain('glossary-prune');
      const anyWord = index.search({ q: 'prune xylophone' }).results;
      expect(anyWord.map(r => r.id)).toContain('glossary-prune');
    });

    it('matches any form of a word (stems)', () => {
      expect(index.search({ q: 'pruning' }).results[0].id).toBe(
        'glossary-prune',
      );
      expect(index.search({ q: 'reverting' }).results[0].id).toBe(
        'sync-policies',
      );
    });

    it('combines free text and filters', () => {
      expect(
        index.search({ q: 'sync', kind: 'glossary' }).results.map(r => r.id),
      ).toEqual(['glossary-prune']);
      expect(index.search({ q: 'reverts', kind: 'glossary' }).total).toBe(0);
      expect(
        index.search({ q: 'argo', level: 'sre' }).results.map(r => r.id),
      ).toEqual(['runbook-sync-failed']);
      expect(index.search({ topic: 'sync' }).results.map(r => r.id)).toEqual([
        'glossary-prune',
        'sync-policies',
      ]);
    });

    it('treats a query of stop words as no query', () => {
      expect(index.search({ q: 'what is the' }).total).toBe(
        FIXTURE_ENTRIES.length,
      );
    });
  });
});
