import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
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

describe('EntityLoader.loadTarget', () => {
  const credentials = mockCredentials.user('user:default/ana');

  it("reads only the entity's ref and annotations, with the caller's credentials", async () => {
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn(async () => ({
        items: [
          {
            kind: 'Component',
            metadata: paymentsApi.metadata,
          } as unknown as Entity,
        ],
      })),
    });
    const target = await EntityLoader.create({ catalog }).loadTarget(
      REF,
      credentials,
    );
    expect(target).toEqual({
      appSelector: 'app.kubernetes.io/part-of=payments-api',
      projects: ['payments'],
    });
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
      {
        entityRefs: ['component:default/payments-api'],
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it('reads again on every call: nothing about the entity or the decision is kept', async () => {
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest
        .fn()
        .mockResolvedValueOnce({ items: [paymentsApi] })
        .mockResolvedValueOnce({ items: [undefined] }),
    });
    const loader = EntityLoader.create({ catalog });
    await expect(loader.loadTarget(REF, credentials)).resolves.toBeDefined();
    await expect(loader.loadTarget(REF, credentials)).rejects.toThrow(
      NotFoundError,
    );
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });

  it('works with the in-memory catalog, which applies the fields', async () => {
    const loader = EntityLoader.create({
      catalog: catalogServiceMock({ entities: [paymentsApi] }),
    });
    await expect(loader.loadTarget(REF, credentials)).resolves.toEqual({
      appSelector: 'app.kubernetes.io/part-of=payments-api',
      projects: ['payments'],
    });
  });

  it('reports an entity the catalog does not return (missing or not readable) as not found', async () => {
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn(async () => ({ items: [undefined] })),
    });
    await expect(
      EntityLoader.create({ catalog }).loadTarget(REF, credentials),
    ).rejects.toThrow(
      new NotFoundError(
        "No entity found for ref 'component:default/payments-api'",
      ),
    );
  });

  it.each([
    ['a NotAllowedError', async () => new NotAllowedError('denied')],
    ['a NotFoundError', async () => new NotFoundError('gone')],
    ['a 403 answer', () => responseError(403)],
    ['a 404 answer', () => responseError(404)],
  ])(
    'reports %s from the catalog as not found, in the same words',
    async (_, error) => {
      const thrown = await error();
      const catalog = catalogServiceMock.mock({
        getEntitiesByRefs: jest.fn(async () => {
          throw thrown;
        }),
      });
      await expect(
        EntityLoader.create({ catalog }).loadTarget(REF, credentials),
      ).rejects.toThrow(
        new NotFoundError(
          "No entity found for ref 'component:default/payments-api'",
        ),
      );
    },
  );

  it('lets other catalog failures through', async () => {
    const thrown = await responseError(500);
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn(async () => {
        throw thrown;
      }),
    });
    await expect(
      EntityLoader.create({ catalog }).loadTarget(REF, credentials),
    ).rejects.toBe(thrown);
  });

  it('answers undefined for an entity without GitOps annotations', async () => {
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn(async () => ({
        items: [{ ...paymentsApi, metadata: { name: 'payments-api' } }],
      })),
    });
    await expect(
      EntityLoader.create({ catalog }).loadTarget(REF, credentials),
    ).resolves.toBeUndefined();
  });

  it('names the entity and each bad annotation', async () => {
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn(async () => ({
        items: [
          {
            kind: 'Component',
            metadata: {
              name: 'payments-api',
              namespace: 'default',
              annotations: { 'argocd/app-name': 'bad/name' },
            },
          } as unknown as Entity,
        ],
      })),
    });
    const error = await EntityLoader.create({ catalog })
      .loadTarget(REF, credentials)
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^Entity 'component:default\/payments-api' has invalid GitOps annotations: .*argocd\/app-name/,
    );
  });
});

describe('EntityLoader.load', () => {
  it("reads the whole entity with the caller's credentials", async () => {
    const credentials = mockCredentials.user('user:default/ana');
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () => paymentsApi),
    });
    await expect(
      EntityLoader.create({ catalog }).load(REF, credentials),
    ).resolves.toBe(paymentsApi);
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(REF, { credentials });
  });

  it('reports a missing or unreadable entity as not found', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () => undefined),
    });
    await expect(
      EntityLoader.create({ catalog }).load(REF, mockCredentials.user()),
    ).rejects.toThrow(NotFoundError);
  });
});
