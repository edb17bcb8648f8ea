import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
  type ServiceFactory,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/** Whether the user may read the entity; service principals always may. */
export type MayRead = (entityRef: string, userEntityRef: string) => boolean;

function allowed(mayRead: MayRead, entityRef: string, credentials: unknown) {
  const principal = (credentials as BackstageCredentials | undefined)
    ?.principal as { type?: string; userEntityRef?: string } | undefined;
  return (
    principal?.type !== 'user' || mayRead(entityRef, principal.userEntityRef!)
  );
}

/**
 * A catalog and a permission service that agree on one read rule, however
 * the plugin asks: the catalog with the caller's credentials, or
 * `catalog.entity.read` on the entity. Every other permission is allowed.
 * `onCatalogRead` sees each batch read and the options it came with,
 * `onReadCheck` each `catalog.entity.read` asked of the permission service.
 */
export function readRuleServices(
  entities: Entity[],
  mayRead: MayRead,
  options?: {
    onCatalogRead?: (request: unknown, options: unknown) => void;
    onReadCheck?: (entityRef: string, credentials: unknown) => void;
  },
): ServiceFactory[] {
  const catalog = catalogServiceMock({ entities });
  const readable = (entity: Entity | undefined, callOptions: any) =>
    entity &&
    allowed(mayRead, stringifyEntityRef(entity), callOptions?.credentials)
      ? entity
      : undefined;
  const catalogFactory = catalogServiceMock.mock({
    getEntityByRef: async (ref, callOptions) =>
      readable(await catalog.getEntityByRef(ref), callOptions),
    getEntitiesByRefs: async (request, callOptions) => {
      options?.onCatalogRead?.(request, callOptions);
      const { items } = await catalog.getEntitiesByRefs(request);
      return { items: items.map(entity => readable(entity, callOptions)) };
    },
  }).factory;
  const permissionsFactory = createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => ({
      async authorize(requests, { credentials }: any) {
        return requests.map(({ permission, resourceRef }: any) => {
          if (permission.name !== catalogEntityReadPermission.name) {
            return { result: AuthorizeResult.ALLOW };
          }
          options?.onReadCheck?.(resourceRef, credentials);
          return {
            result: allowed(mayRead, resourceRef, credentials)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          };
        });
      },
      async authorizeConditional(queries) {
        return queries.map(() => ({ result: AuthorizeResult.ALLOW }));
      },
    }),
  });
  return [catalogFactory, permissionsFactory];
}
