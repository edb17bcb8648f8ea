import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { ApplicationSummary } from '@gitops-guide/backstage-plugin-gitops-common';
import { applicationParam } from '../shared';

/** Where the GitOps tab sits below an entity page (`entity-content:gitops`'s path). */
const TAB_PATH = 'gitops';

/** A function from an entity ref and one of its applications to that application on the entity's GitOps tab. */
export function useEntityTabLink(): (
  entityRef: string,
  app: Pick<ApplicationSummary, 'instance' | 'name'>,
) => string {
  const entityRoute = useRouteRef(entityRouteRef);
  return (entityRef, app) => {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const entityPage = entityRoute({
      kind: kind.toLocaleLowerCase('en-US'),
      namespace,
      name,
    });
    return `${entityPage}/${TAB_PATH}?${new URLSearchParams({
      app: applicationParam(app),
    })}`;
  };
}
