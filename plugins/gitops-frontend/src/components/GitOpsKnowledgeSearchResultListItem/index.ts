export { GitOpsKnowledgeSearchResultListItem } from './GitOpsKnowledgeSearchResultListItem';
export type { GitOpsKnowledgeSearchResultListItemProps } from './GitOpsKnowledgeSearchResultListItem';
