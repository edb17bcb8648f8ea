import {
  KnowledgeEntry,
  KnowledgeEntryResponse,
  KnowledgeEntrySummary,
  KnowledgeProblem,
  KnowledgeQuery,
  KnowledgeSearchHit,
  KnowledgeTopicsResponse,
  SkillCheck,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { NotFoundError } from '@backstage/errors';
import { GitOpsApi } from '../../../api';

export const SYNC_POLICIES: KnowledgeEntry = {
  id: 'sync-policies',
  title: 'Sync policies',
  kind: 'question',
  level: 'senior',
  topics: ['argocd', 'sync'],
  related: ['runbook-sync-failed', 'glossary-prune'],
  signals: ['selfHeal:disabled'],
  summary: 'Automated sync, prune and self-heal.',
  body: [
    '## When Argo CD applies Git',
    '',
    '| Option | Effect |',
    '| --- | --- |',
    '| `prune` | deletes what left Git |',
    '',
    '```bash',
    'argocd app set payments --self-heal',
    '```',
  ].join('\n'),
  quiz: [
    {
      prompt: 'Which option deletes objects removed from Git?',
      options: ['selfHeal', 'prune', 'allowEmpty'],
      answer: 1,
      explanation: 'prune deletes tracked objects that Git no longer renders.',
    },
    {
      prompt: 'What reverts a kubectl edit?',
      options: ['selfHeal', 'Replace=true'],
      answer: 0,
      explanation: 'selfHeal syncs when the live state drifts.',
    },
  ],
};

const summaryOf = (entry: KnowledgeEntry): KnowledgeEntrySummary => {
  const { id, title, kind, level, topics, summary } = entry;
  return { id, title, kind, level, topics, summary };
};

/** A hit as listed without free text: no score, no snippets. */
const listedHit = (entry: KnowledgeEntry): KnowledgeSearchHit => ({
  ...summaryOf(entry),
  score: 0,
  highlights: [],
  snippets: [],
});

export const ENTRIES: KnowledgeEntry[] = [
  {
    ...SYNC_POLICIES,
    id: 'gitops-principles',
    title: 'What is GitOps?',
    level: 'entry',
    topics: ['principles'],
    related: [],
    signals: [],
    summary: 'Git holds the desired state.',
  },
  {
    ...SYNC_POLICIES,
    id: 'glossary-prune',
    title: 'Prune',
    kind: 'glossary',
    level: 'entry',
    related: [],
    quiz: [],
    summary: 'Deleting what left Git.',
  },
  SYNC_POLICIES,
  {
    ...SYNC_POLICIES,
    id: 'runbook-sync-failed',
    title: 'Runbook: sync failed',
    kind: 'runbook',
    level: 'sre',
    related: [],
    quiz: [],
    summary: 'Read the message, fix the manifest.',
  },
];

/** What the backend answers for `immutable`: markup-like text is just text. */
export const IMMUTABLE_HIT: KnowledgeSearchHit = {
  ...listedHit(ENTRIES[3]),
  score: 12.5,
  snippets: [
    [
      { text: '…message <script>alert(1)</script> field is ', match: false },
      { text: 'immutable', match: true },
      { text: ' & more…', match: false },
    ],
  ],
  highlights: [
    '…message &lt;script&gt;alert(1)&lt;/script&gt; field is <mark>immutable</mark> &amp; more…',
  ],
};

export const TOPICS: KnowledgeTopicsResponse = {
  topics: [
    { id: 'argocd', count: 3 },
    { id: 'secrets', count: 1 },
  ],
  levels: [
    { id: 'entry', count: 2 },
    { id: 'senior', count: 1 },
    { id: 'sre', count: 1 },
  ],
  kinds: [
    { id: 'question', count: 2 },
    { id: 'runbook', count: 1 },
    { id: 'glossary', count: 1 },
  ],
};

export const SKILL_CHECK: SkillCheck = {
  id: 'skill-check',
  title: 'GitOps skill check',
  level: 'entry',
  items: [
    {
      prompt: 'Where does the desired state live?',
      options: ['In Git', 'In the cluster'],
      answer: 0,
      explanation: 'Git is the source of truth.',
      related: ['gitops-principles'],
    },
  ],
};

/** What the backend skipped in an organization's content: two problems, in one file. */
export const PROBLEMS: KnowledgeProblem[] = [
  {
    file: 'knowledge/acme/acme-deploys.md',
    field: 'level',
    reason: 'must be one of entry, senior, sre',
  },
  {
    file: 'knowledge/acme/acme-deploys.md',
    field: 'quiz.0.answer',
    reason: 'must be a 0-based index into options (0..1)',
  },
  {
    file: 'knowledge/acme/skill-check.yaml',
    reason: 'Nested mappings are not allowed in compact mappings',
  },
];

/** The knowledge methods of a fake GitOpsApi, as jest mocks. */
export type FakeKnowledgeApi = GitOpsApi & {
  searchKnowledge: jest.Mock;
  getKnowledgeEntry: jest.Mock;
  getKnowledgeTopics: jest.Mock;
  getSkillCheck: jest.Mock;
  getKnowledgeProblems: jest.Mock;
};

/** A GitOpsApi whose knowledge methods answer from the fixtures; the rest fail. */
export function fakeKnowledgeApi(): FakeKnowledgeApi {
  const unexpected = (name: string) => async (): Promise<never> => {
    throw new Error(`unexpected call to ${name}`);
  };
  return {
    getApplications: unexpected('getApplications'),
    getApplication: unexpected('getApplication'),
    getApplicationWithGuidance: unexpected('getApplicationWithGuidance'),
    getGuidance: unexpected('getGuidance'),
    runAction: unexpected('runAction'),
    getFleet: unexpected('getFleet'),
    searchKnowledge: jest.fn(async (query: KnowledgeQuery) => {
      if (query.q) {
        const results = query.q === 'immutable' ? [IMMUTABLE_HIT] : [];
        return { results, total: results.length };
      }
      const results = ENTRIES.filter(
        e =>
          (!query.level || e.level === query.level) &&
          (!query.kind || e.kind === query.kind) &&
          (!query.topic || e.topics.includes(query.topic)),
      ).map(listedHit);
      return { results, total: results.length };
    }),
    getKnowledgeEntry: jest.fn(
      async (id: string): Promise<KnowledgeEntryResponse> => {
        const entry = ENTRIES.find(e => e.id === id);
        if (!entry)
          throw new NotFoundError(`No knowledge entry with id "${id}"`);
        return {
          entry,
          related: entry.related.map(r =>
            summaryOf(ENTRIES.find(e => e.id === r)!),
          ),
        };
      },
    ),
    getKnowledgeTopics: jest.fn(async () => TOPICS),
    getSkillCheck: jest.fn(async () => SKILL_CHECK),
    getKnowledgeProblems: jest.fn(async () => ({ problems: [] })),
  };
}
