import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  KnowledgeLevel,
  QuizItem,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { useCallback } from 'react';

/** One skill check question, with the entries that explain it. */
export interface SkillCheckItem extends QuizItem {
  related: string[];
}

/** `GET /api/gitops/knowledge/skill-check`. */
export interface SkillCheck {
  id: string;
  title: string;
  level: KnowledgeLevel;
  items: SkillCheckItem[];
}

/**
 * Loads the skill check. `GitOpsApi` has no method for it yet, so this
 * calls the backend the way `GitOpsClient` does: discovery for the URL,
 * fetchApi for the user's credentials.
 */
export function useSkillCheckLoader(): () => Promise<SkillCheck> {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useCallback(async () => {
    const baseUrl = await discoveryApi.getBaseUrl('gitops');
    const res = await fetchApi.fetch(`${baseUrl}/knowledge/skill-check`);
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as SkillCheck;
  }, [discoveryApi, fetchApi]);
}
