import { DefaultBodyType, rest } from 'msw';
import { setupServer } from 'msw/node';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { GitOpsClient } from './GitOpsClient';

const BASE = 'http://backstage.test/api/gitops';
const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'payments-api',
};

describe('GitOpsClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /** Records the raw path and query of every request and answers `body`. */
  function recordRequests(body: DefaultBodyType = {}) {
    const seen: { path: string; authorization: string | null }[] = [];
    server.use(
      rest.get(`${BASE}/*`, (req, res, ctx) => {
        seen.push({
          path: `${req.url.pathname}${req.url.search}`,
          authorization: req.headers.get('authorization'),
        });
        return res(ctx.json(body));
      }),
    );
    return seen;
  }

  const client = new GitOpsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi({ injectIdentityAuth: { token: 'user-token' } }),
  });

  it('lists the applications of an entity through fetchApi, with the caller token', async () => {
    const seen = recordRequests({ applications: [], errors: [] });
    await expect(client.getApplications(entity)).resolves.toEqual({
      applications: [],
      errors: [],
    });
    expect(seen).toEqual([
      {
        path: '/api/gitops/entities/component/default/payments-api/applications',
        authorization: 'Bearer user-token',
      },
    ]);
  });

  it('asks for a refresh only when told to', async () => {
    const seen = recordRequests({ applications: [], errors: [] });
    const app = { instance: 'central', name: 'payments-api-prod' };
    await client.getApplications(entity);
    await client.getApplications(entity, { refresh: false });
    await client.getApplications(entity, { refresh: true });
    await client.getApplicationWithGuidance(entity, app, {});
    await client.getApplicationWithGuidance(
      entity,
      { ...app, appNamespace: 'argocd' },
      { refresh: true },
    );
    const base = '/api/gitops/entities/component/default/payments-api';
    expect(seen.map(s => s.path)).toEqual([
      `${base}/applications`,
      `${base}/applications`,
      `${base}/applications?refresh=true`,
      `${base}/applications/central/payments-api-prod?include=guidance`,
      `${base}/applications/central/payments-api-prod?appNamespace=argocd&include=guidance&refresh=true`,
    ]);
  });

  it('encodes every path segment and the query of an application request', async () => {
    const seen = recordRequests();
    const weird = { kind: 'Component', namespace: 'team a', name: 'x/y?z' };
    await client.getApplication(weird, {
      instance: 'eu west#1',
      name: 'apps/../payments',
      appNamespace: 'argo&x=1',
    });
    await client.getGuidance(weird, { instance: 'central', name: 'a%2Fb' });
    expect(seen.map(s => s.path)).toEqual([
      '/api/gitops/entities/component/team%20a/x%2Fy%3Fz/applications/eu%20west%231/apps%2F..%2Fpayments?appNamespace=argo%26x%3D1',
      '/api/gitops/entities/component/team%20a/x%2Fy%3Fz/applications/central/a%252Fb/guidance',
    ]);
  });

  it('addresses a Flux object by its kind', async () => {
    const seen = recordRequests();
    await client.getGuidance(entity, {
      instance: 'demo-cluster',
      name: 'podinfo',
      appNamespace: 'apps',
      kind: 'HelmRelease',
    });
    expect(seen.map(s => s.path)).toEqual([
      '/api/gitops/entities/component/default/payments-api/applications/demo-cluster/podinfo/guidance?appNamespace=apps&kind=HelmRelease',
    ]);
  });

  it('asks for the detail with its guidance in one request', async () => {
    const seen = recordRequests();
    await client.getApplicationWithGuidance(entity, {
      instance: 'central',
      name: 'payments-api-prod',
    });
    await client.getApplicationWithGuidance(entity, {
      instance: 'demo-cluster',
      name: 'podinfo',
      appNamespace: 'apps',
      kind: 'HelmRelease',
    });
    expect(seen.map(s => s.path)).toEqual([
      '/api/gitops/entities/component/default/payments-api/applications/central/payments-api-prod?include=guidance',
      '/api/gitops/entities/component/default/payments-api/applications/demo-cluster/podinfo?appNamespace=apps&kind=HelmRelease&include=guidance',
    ]);
  });

  it('encodes knowledge queries and entry ids', async () => {
    const seen = recordRequests({ results: [], total: 0 });
    await client.searchKnowledge({
      q: 'sync & "self-heal"',
      topic: 'argo/cd',
      level: 'entry',
    });
    await client.searchKnowledge({});
    await client.getKnowledgeEntry('../secrets');
    expect(seen.map(s => s.path)).toEqual([
      '/api/gitops/knowledge?q=sync+%26+%22self-heal%22&topic=argo%2Fcd&level=entry',
      '/api/gitops/knowledge',
      '/api/gitops/knowledge/..%2Fsecrets',
    ]);
  });

  it('reads the knowledge content problems, and rejects with the 403 of a denied caller', async () => {
    const problems = [
      { file: 'knowledge/acme/deploys.md', field: 'level', reason: 'bad' },
    ];
    const seen = recordRequests({ problems });
    await expect(client.getKnowledgeProblems()).resolves.toEqual({ problems });
    expect(seen).toEqual([
      {
        path: '/api/gitops/knowledge/problems',
        authorization: 'Bearer user-token',
      },
    ]);

    server.use(
      rest.get(`${BASE}/knowledge/problems`, (_req, res, ctx) =>
        res(
          ctx.status(403),
          ctx.json({
            error: { name: 'NotAllowedError', message: 'denied' },
            response: { statusCode: 403 },
          }),
        ),
      ),
    );
    const error = await client.getKnowledgeProblems().catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(403);
  });

  it('turns an error answer into a ResponseError carrying the status and the server message', async () => {
    server.use(
      rest.get(`${BASE}/*`, (_req, res, ctx) =>
        res(
          ctx.status(404),
          ctx.json({
            error: {
              name: 'NotFoundError',
              message: 'No entity component:default/payments-api',
            },
            response: { statusCode: 404 },
          }),
        ),
      ),
    );
    const error = await client
      .getGuidance(entity, { instance: 'central', name: 'payments-api-prod' })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(404);
    expect(error.cause.name).toBe('NotFoundError');
    expect(error.cause.message).toBe(
      'No entity component:default/payments-api',
    );
  });

  it('turns a non-JSON 500 into a ResponseError too', async () => {
    server.use(
      rest.get(`${BASE}/*`, (_req, res, ctx) =>
        res(ctx.status(500), ctx.text('boom')),
      ),
    );
    const error = await client.getApplications(entity).catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(500);
    expect(error.cause.message).toContain('boom');
  });
});
