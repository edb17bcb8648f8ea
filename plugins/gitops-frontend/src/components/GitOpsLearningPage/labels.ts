import {
  KnowledgeKind,
  KnowledgeLevel,
} from '@gitops-guide/backstage-plugin-gitops-common';

/** Levels in learning order. */
export const LEVELS: KnowledgeLevel[] = ['entry', 'senior', 'sre'];
export const KINDS: KnowledgeKind[] = ['question', 'runbook', 'glossary'];

export const LEVEL_LABELS: Record<KnowledgeLevel, string> = {
  entry: 'Entry',
  senior: 'Senior',
  sre: 'SRE',
};

export const LEVEL_DESCRIPTIONS: Record<KnowledgeLevel, string> = {
  entry: 'What GitOps is, how Argo CD and Flux sync, the words people use.',
  senior:
    'Environments, secrets, sync policies, rollbacks and troubleshooting.',
  sre: 'Many clusters, tenancy, policy, observability and running it at scale.',
};

export const KIND_LABELS: Record<KnowledgeKind, string> = {
  question: 'Question',
  runbook: 'Runbook',
  glossary: 'Glossary',
};

/** Section and filter names. */
export const KIND_PLURALS: Record<KnowledgeKind, string> = {
  question: 'Questions',
  runbook: 'Runbooks',
  glossary: 'Glossary',
};

export function isLevel(value: string | null): value is KnowledgeLevel {
  return LEVELS.includes(value as KnowledgeLevel);
}

export function isKind(value: string | null): value is KnowledgeKind {
  return KINDS.includes(value as KnowledgeKind);
}

/** `progressive-delivery` → `progressive delivery`. */
export function topicLabel(topic: string): string {
  return topic.replace(/-/g, ' ');
}
