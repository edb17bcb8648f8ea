import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityLoader } from './EntityLoader';

const REF = { kind: 'component', namespace: 'default', name: 'payments-api' };

const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
      'argocd/project-name': 'payments',
    },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

async function responseError(status: number) {
  return ResponseError.fromResponse(
    new Response(JSON.stringify({ error: { name: 'Error', message: 'no' } }), {
      status,
      statusText: String(status),
      headers: { 'content-type': 'application/json' },
    }) as any,
  );
}

const TARGET_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
];

const credentials = mockCredentials.user('user:default/ana');

/** A permission service answering `results` in turn (the last one again after that). */
function permissionsAnswering(...results: AuthorizeResult[]) {
  let call = 0;
  return mockServices.permissions.mock({
    authorize: jest.fn(async requests =>
      requests.map(() => ({
        result: results[Math.min(call++, results.length - 1)],
      })),
    ) as any,
  });
}

function loader(
  catalog: ReturnType<typeof catalogServiceMock.mock>,
  options: { cacheSeconds?: number; permissions?: any } = {},
) {
  return EntityLoader.create({
    catalog,
    permissions:
      options.permissions ?? permissionsAnswering(AuthorizeResult.ALLOW),
    auth: mockServices.auth(),
    cacheSeconds: options.cacheSeconds ?? 30,
  });
}

const catalogWith = (entity: Entity | undefined) =>
  catalogServiceMock.mock({
    getEntitiesByRefs: jest.fn(async () => ({ items: [entity] })),
  });

const notFound = new NotFoundError(
  "No entity found for ref 'component:default/payments-api'",
);

describe('EntityLoader.loadTarget with kept annotations (cacheSeconds > 0)', () => {
  it('asks catalog.entity.read for the caller on the entity, then reads its ref and annotations as the plugin', async () => {
    const catalog = catalogWith(paymentsApi);
    const permissions = permissionsAnswering(AuthorizeResult.ALLOW);
    await expect(
      loader(catalog, { permissions }).loadTarget(REF, credentials),
    ).resolves.toEqual({
      appSelector: 'app.kubernetes.io/part-of=payments-api',
      projects: ['payments'],
    });
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'catalog.entity.read',
            resourceType: 'catalog-entity',
          }),
          resourceRef: 'component:default/payments-api',
        },
      ],
      { credentials },
    );
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
      { entityRefs: ['component:default/payments-api'], fields: TARGET_FIELDS },
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ type: 'service' }),
        }),
      },
    );
  });

  it('reports a caller who may not read the entity exactly like a missing entity, without reading it', async () => {
    const catalog = catalogWith(paymentsApi);
    const denied = loader(catalog, {
      permissions: permissionsAnswering(AuthorizeResult.DENY),
    });
    await expect(denied.loadTarget(REF, credentials)).rejects.toThrow(notFound);
    await expect(
      loader(catalogWith(undefined)).loadTarget(REF, credentials),
    ).rejects.toThrow(notFound);
    expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
  });

  it('asks for the decision on every load and keeps only the annotations', async () => {
    const catalog = catalogWith(paymentsApi);
    const permissions = permissionsAnswering(
      AuthorizeResult.ALLOW,
      AuthorizeResult.ALLOW,
      AuthorizeResult.DENY,
    );
    const entities = loader(catalog, { permissions });
    await entities.loadTarget(REF, credentials);
    await entities.loadTarget(REF, credentials);
    await expect(entities.loadTarget(REF, credentials)).rejects.toThrow(
      notFound,
    );
    expect(permissions.authorize).toHaveBeenCalledTimes(3);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
  });

  it('reads as the caller when asked for a fresh load (actions)', async () => {
    const catalog = catalogWith(paymentsApi);
    const permissions = permissionsAnswering(AuthorizeResult.ALLOW);
    await loader(catalog, { permissions }).loadTarget(REF, credentials, {
      fresh: true,
    });
    expect(permissions.authorize).not.toHaveBeenCalled();
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
      { entityRefs: ['component:default/payments-api'], fields: TARGET_FIELDS },
      { credentials },
    );
  });
});

describe.each([
  ['on every load (cacheSeconds 0)', { cacheSeconds: 0 }, {}],
  ['on a fresh load', { cacheSeconds: 30 }, { fresh: true }],
])('EntityLoader.loadTarget reading as the caller %s', (_, create, load) => {
  it("reads only the entity's ref and annotations, with the caller's credentials, every time", async () => {
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest
        .fn()
        .mockResolvedValueOnce({ items: [paymentsApi] })
        .mockResolvedValueOnce({ items: [undefined] }),
    });
    const entities = loader(catalog, create);
    await expect(entities.loadTarget(REF, credentials, load)).resolves.toEqual({
      appSelector: 'app.kubernetes.io/part-of=payments-api',
      projects: ['payments'],
    });
    await expect(entities.loadTarget(REF, credentials, load)).rejects.toThrow(
      notFound,
    );
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
      { entityRefs: ['component:default/payments-api'], fields: TARGET_FIELDS },
      { credentials },
    );
  });

  it('works with the in-memory catalog, which applies the fields', async () => {
    const entities = EntityLoader.create({
      catalog: catalogServiceMock({ entities: [paymentsApi] }),
      permissions: mockServices.permissions(),
      auth: mockServices.auth(),
      ...create,
    });
    await expect(entities.loadTarget(REF, credentials, load)).resolves.toEqual({
      appSelector: 'app.kubernetes.io/part-of=payments-api',
      projects: ['payments'],
    });
  });

  it.each([
    ['a NotAllowedError', async () => new NotAllowedError('denied')],
    ['a NotFoundError', async () => new NotFoundError('gone')],
    ['a 403 answer', () => responseError(403)],
    ['a 404 answer', () => responseError(404)],
  ])(
    'reports %s from the catalog as not found, in the same words',
    async (_name, error) => {
      const thrown = await error();
      const catalog = catalogServiceMock.mock({
        getEntitiesByRefs: jest.fn(async () => {
          throw thrown;
        }),
      });
      await expect(
        loader(catalog, create).loadTarget(REF, credentials, load),
      ).rejects.toThrow(notFound);
    },
  );
});

describe('EntityLoader.loadTarget, either way', () => {
  it.each([0, 30])(
    'lets other catalog failures through (cacheSeconds %i)',
    async cacheSeconds => {
      const thrown = await responseError(500);
      const catalog = catalogServiceMock.mock({
        getEntitiesByRefs: jest.fn(async () => {
          throw thrown;
        }),
      });
      await expect(
        loader(catalog, { cacheSeconds }).loadTarget(REF, credentials),
      ).rejects.toBe(thrown);
    },
  );

  it('answers undefined for an entity without GitOps annotations', async () => {
    const catalog = catalogWith({
      ...paymentsApi,
      metadata: { name: 'payments-api' },
    });
    await expect(
      loader(catalog).loadTarget(REF, credentials),
    ).resolves.toBeUndefined();
  });

  it('names the entity and each bad annotation', async () => {
    const catalog = catalogWith({
      kind: 'Component',
      metadata: {
        name: 'payments-api',
        namespace: 'default',
        annotations: { 'argocd/app-name': 'bad/name' },
      },
    } as unknown as Entity);
    const error = await loader(catalog)
      .loadTarget(REF, credentials)
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^Entity 'component:default\/payments-api' has invalid GitOps annotations: .*argocd\/app-name/,
    );
  });
});
