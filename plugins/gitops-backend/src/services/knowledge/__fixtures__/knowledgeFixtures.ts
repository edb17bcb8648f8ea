import { KnowledgeEntry } from '@gitops-guide/backstage-plugin-gitops-common';
import YAML from 'yaml';

/** Two valid quiz items, enough for a question entry. */
export const QUIZ = [
  {
    prompt: 'Where does the desired state live?',
    options: ['In Git', 'In the cluster'],
    answer: 0,
    explanation: 'Git holds it; the cluster converges to it.',
  },
  {
    prompt: 'Who applies it?',
    options: ['CI', 'An agent in the cluster'],
    answer: 1,
    explanation: 'The operator pulls and applies.',
  },
];

/** A content file: YAML front matter and a Markdown body. */
export function entryMarkdown(
  meta: Record<string, unknown>,
  body = 'Some explanation.',
): string {
  return `---\n${YAML.stringify(meta)}---\n${body}\n`;
}

/** Valid front matter of a question entry with the given id. */
export function questionMeta(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    title: `About ${id}`,
    kind: 'question',
    level: 'entry',
    topics: ['basics'],
    related: [],
    signals: [],
    summary: `Summary of ${id}.`,
    quiz: QUIZ,
    ...extra,
  };
}

export function skillCheckYaml(related: string[] | string = []): string {
  return YAML.stringify({
    id: 'skill-check',
    title: 'Skill check',
    level: 'entry',
    items: [{ ...QUIZ[0], related }],
  });
}

/** An entry with defaults for everything `partial` leaves out. */
export function entry(
  partial: Partial<KnowledgeEntry> & { id: string },
): KnowledgeEntry {
  return {
    title: partial.id,
    kind: 'question',
    level: 'entry',
    topics: ['basics'],
    related: [],
    signals: [],
    summary: `Summary of ${partial.id}.`,
    body: 'Body.',
    quiz: QUIZ,
    ...partial,
  };
}

/** A small in-memory corpus for search, service and route tests. */
export const FIXTURE_ENTRIES: KnowledgeEntry[] = [
  entry({
    id: 'gitops-basics',
    title: 'What is GitOps?',
    topics: ['basics', 'principles'],
    related: ['sync-policies', 'runbook-sync-failed'],
    summary: 'Git holds the desired state; an agent reconciles the cluster.',
    body: 'Declarative, versioned, pulled automatically and **continuously reconciled**.',
  }),
  entry({
    id: 'sync-policies',
    title: 'Sync policies',
    level: 'senior',
    topics: ['argocd', 'sync'],
    signals: ['selfHeal:disabled'],
    summary: 'Automated sync, prune and self-heal.',
    askedAs: ['argo undoes my kubectl edit', 'keeps reverting'],
    body: 'With `selfHeal: true` Argo CD reverts a manual edit. Self heal is off by default.',
  }),
  entry({
    id: 'runbook-sync-failed',
    title: 'Runbook: sync failed',
    kind: 'runbook',
    level: 'sre',
    topics: ['argocd', 'troubleshooting'],
    signals: ['operation:Failed', 'message:field is immutable'],
    summary: 'Read the message and fix the manifest.',
    body: 'A message like <script>alert("x")</script> field is immutable means the object must be replaced & re-created.',
    quiz: [],
  }),
  entry({
    id: 'glossary-prune',
    title: 'Prune',
    kind: 'glossary',
    topics: ['sync'],
    summary: 'Deleting objects that left Git.',
    body: 'Prune removes what Git no longer declares.',
    quiz: [],
  }),
];

export const FIXTURE_SKILL_CHECK = {
  id: 'skill-check',
  title: 'Skill check',
  level: 'entry' as const,
  items: [{ ...QUIZ[0], related: ['gitops-basics'] }],
};
