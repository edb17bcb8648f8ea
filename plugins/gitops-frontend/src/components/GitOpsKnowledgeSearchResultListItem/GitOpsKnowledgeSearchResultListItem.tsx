import { Link } from '@backstage/core-components';
import {
  KnowledgeKind,
  KnowledgeLevel,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import type {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { ReactNode } from 'react';
import { KIND_LABELS, LEVEL_LABELS } from '../GitOpsLearningPage/labels';

/** Props of {@link GitOpsKnowledgeSearchResultListItem}. @public */
export interface GitOpsKnowledgeSearchResultListItemProps {
  result?: SearchDocument;
  highlight?: ResultHighlight;
  icon?: ReactNode;
  rank?: number;
}

const isKind = (value: unknown): value is KnowledgeKind =>
  typeof value === 'string' && value in KIND_LABELS;
const isLevel = (value: unknown): value is KnowledgeLevel =>
  typeof value === 'string' && value in LEVEL_LABELS;

/**
 * A `gitops-knowledge` search hit: its title, kind, level and summary, linking
 * to the entry on the learning page.
 *
 * @public
 */
export const GitOpsKnowledgeSearchResultListItem = (
  props: GitOpsKnowledgeSearchResultListItemProps,
) => {
  const { result, highlight, icon } = props;
  if (!result) return null;
  const fields = result as SearchDocument & Record<string, unknown>;
  const summary =
    typeof fields.summary === 'string'
      ? fields.summary
      : result.text.split('\n\n')[0];
  return (
    <Box display="flex" data-testid="gitops-knowledge-search-result">
      {icon && <ListItemIcon>{icon}</ListItemIcon>}
      <Box flexWrap="wrap" minWidth={0}>
        <ListItemText
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={result.location}>
              {highlight?.fields.title ? (
                <HighlightedSearchResultText
                  text={highlight.fields.title}
                  preTag={highlight.preTag}
                  postTag={highlight.postTag}
                />
              ) : (
                result.title
              )}
            </Link>
          }
          secondary={summary}
        />
        <Box display="flex" gridGap={4} mb={2}>
          {isKind(fields.kind) && (
            <Chip size="small" label={KIND_LABELS[fields.kind]} />
          )}
          {isLevel(fields.level) && (
            <Chip
              size="small"
              variant="outlined"
              label={`Level: ${LEVEL_LABELS[fields.level]}`}
            />
          )}
        </Box>
      </Box>
    </Box>
  );
};
