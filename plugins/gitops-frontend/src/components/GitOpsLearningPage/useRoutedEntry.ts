import { useApi } from '@backstage/core-plugin-api';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { gitOpsApiRef } from '../../api';

/** Loads the knowledge entry named by the route's `:id`. */
export function useRoutedEntry() {
  const { id = '' } = useParams();
  const api = useApi(gitOpsApiRef);
  return useAsync(() => api.getKnowledgeEntry(id), [api, id]);
}
