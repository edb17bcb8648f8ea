import {
  KnowledgeEntry,
  KnowledgeEntrySummary,
} from '@gitops-guide/backstage-plugin-gitops-common';

/** What lists show of an entry: related entries, learning paths and search hits. */
export function toSummary(entry: KnowledgeEntry): KnowledgeEntrySummary {
  const { id, title, kind, level, topics, summary, order } = entry;
  return { id, title, kind, level, topics, summary, order };
}
