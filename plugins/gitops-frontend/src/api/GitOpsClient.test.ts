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

  describe('runAction', () => {
    const app = {
      instance: 'central',
      name: 'payments-api-prod',
      appNamespace: 'argocd',
    };
    const answer = {
      action: 'rollback',
      dryRun: false,
      message:
        "Argo CD started a rollback of 'payments-api-prod' to history #44 (dadcc6b)",
      application: { name: 'payments-api-prod' },
      follow: {
        operation: { phase: 'Running', startedAt: '2024-05-01T10:00:00Z' },
      },
    };

    /** Records every POST (path, headers, raw body) and answers `body`. */
    function recordPosts(body: DefaultBodyType = answer) {
      const seen: {
        path: string;
        contentType: string | null;
        authorization: string | null;
        body: string;
      }[] = [];
      server.use(
        rest.post(`${BASE}/*`, async (req, res, ctx) => {
          seen.push({
            path: `${req.url.pathname}${req.url.search}`,
            contentType: req.headers.get('content-type'),
            authorization: req.headers.get('authorization'),
            body: await req.text(),
          });
          return res(ctx.json(body));
        }),
      );
      return seen;
    }

    it('posts the parameters without the action to the action route of the application, with the caller token', async () => {
      const seen = recordPosts();
      await expect(
        client.runAction(entity, app, {
          action: 'rollback',
          id: 44,
          prune: false,
          dryRun: true,
        }),
      ).resolves.toEqual(answer);
      expect(seen).toEqual([
        {
          path: '/api/gitops/entities/component/default/payments-api/applications/central/payments-api-prod/rollback?appNamespace=argocd',
          contentType: 'application/json',
          authorization: 'Bearer user-token',
          body: '{"id":44,"prune":false,"dryRun":true}',
        },
      ]);
    });

    it('sends an empty object for an action without parameters, and addresses a Flux object by its kind', async () => {
      const seen = recordPosts();
      const podinfo = {
        instance: 'demo-cluster',
        name: 'podinfo',
        appNamespace: 'apps',
        kind: 'HelmRelease',
      };
      await client.runAction(entity, podinfo, { action: 'suspend' });
      await client.runAction(entity, podinfo, {
        action: 'reconcile',
        withSource: true,
      });
      await client.runAction(
        { kind: 'Component', namespace: 'team a', name: 'x/y' },
        { instance: 'eu west', name: 'a/b' },
        { action: 'refresh', hard: true },
      );
      const flux =
        '/api/gitops/entities/component/default/payments-api/applications/demo-cluster/podinfo';
      expect(seen.map(s => [s.path, s.body])).toEqual([
        [`${flux}/suspend?appNamespace=apps&kind=HelmRelease`, '{}'],
        [
          `${flux}/reconcile?appNamespace=apps&kind=HelmRelease`,
          '{"withSource":true}',
        ],
        [
          '/api/gitops/entities/component/team%20a/x%2Fy/applications/eu%20west/a%2Fb/refresh',
          '{"hard":true}',
        ],
      ]);
    });

    it.each([
      [
        403,
        'NotAllowedError',
        'Missing permission gitops.application.rollback',
      ],
      [404, 'NotFoundError', 'Actions are turned off for instance central'],
      [
        409,
        'ConflictError',
        "'payments-api-prod' has auto-sync on: Argo CD refuses a rollback. Turn auto-sync off first.",
      ],
      [
        502,
        'UpstreamError',
        "Argo CD instance 'central' refused the rollback: permission denied (Argo CD RBAC)",
      ],
    ])(
      'rejects a %i answer with a ResponseError carrying the server message',
      async (status, name, message) => {
        server.use(
          rest.post(`${BASE}/*`, (_req, res, ctx) =>
            res(
              ctx.status(status),
              ctx.json({
                error: { name, message },
                response: { statusCode: status },
              }),
            ),
          ),
        );
        const error = await client
          .runAction(entity, app, { action: 'rollback', id: 44 })
          .catch(e => e);
        expect(ResponseError.is(error)).toBe(true);
        expect(error.statusCode).toBe(status);
        expect(error.cause.name).toBe(name);
        expect(error.cause.message).toBe(message);
      },
    );
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
