import { call } from './__testUtils__/call';
import { swaggerProblems } from './__testUtils__/swaggerShape';
import { startSimulator } from './server';
import type { Simulator } from './types';

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator();
});

afterAll(() => simulator.close());

const names = (body: { items: Array<{ metadata: { name: string } }> | null }) =>
  (body.items ?? []).map(item => item.metadata.name);

const list = async (instance: string, query: string) => {
  const result = await call(
    simulator,
    instance,
    `/api/v1/applications${query}`,
  );
  expect(result.status).toBe(200);
  return result.body;
};

describe('the instances', () => {
  it('serves central and edge under their own path prefixes', () => {
    expect(simulator.instances).toEqual(['central', 'edge']);
    expect(simulator.instanceUrl('edge')).toBe(`${simulator.url}/edge`);
    expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(() => simulator.instanceUrl('west')).toThrow(
      'Unknown instance west',
    );
  });

  it('answers unknown prefixes like a server with another rootpath and unknown API paths like grpc-gateway', async () => {
    const other = await fetch(`${simulator.url}/west/api/v1/applications`);
    expect(other.status).toBe(404);
    expect(await other.text()).toBe('404 page not found\n');
    const unknown = await call(simulator, 'central', '/api/v1/clusters');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      error: 'Not Found',
      code: 5,
      message: 'Not Found',
    });
  });
});

describe('GET /api/v1/applications', () => {
  it('lists every app of an instance sorted by name, in every namespace', async () => {
    const body = await list('central', '');
    expect(names(body)).toEqual([
      'checkout-web-prod',
      'checkout-web-staging',
      'inventory-service-prod',
      'orders-worker-prod',
      'orders-worker-staging',
      'payments-api-prod',
      'payments-api-staging',
    ]);
    expect(body.metadata).toEqual({ resourceVersion: '48211937' });
    expect(swaggerProblems(body, 'v1alpha1ApplicationList')).toEqual([]);
    expect(names(await list('edge', ''))).toEqual([
      'checkout-web-dev',
      'inventory-service-dev',
      'orders-worker-dev',
      'payments-api-dev',
    ]);
  });

  it('filters by label selector', async () => {
    const selector = (s: string) =>
      list('central', `?selector=${encodeURIComponent(s)}`).then(names);
    expect(await selector('app.kubernetes.io/part-of=payments-api')).toEqual([
      'payments-api-prod',
      'payments-api-staging',
    ]);
    expect(
      await selector('app.kubernetes.io/part-of==orders-worker,env=prod'),
    ).toEqual(['orders-worker-prod']);
    expect(await selector('env!=prod')).toEqual([
      'checkout-web-staging',
      'orders-worker-staging',
      'payments-api-staging',
    ]);
    expect(
      await selector(
        'app.kubernetes.io/part-of in (checkout-web, inventory-service),env notin (staging)',
      ),
    ).toEqual(['checkout-web-prod', 'inventory-service-prod']);
    expect(await selector('env,!team')).toHaveLength(7);
    expect(await selector('team')).toEqual([]);
  });

  it('answers an unparsable selector the way Argo CD does: a plain Go error, gRPC Unknown, HTTP 500', async () => {
    const result = await call(
      simulator,
      'central',
      `/api/v1/applications?selector=${encodeURIComponent('env in prod')}`,
    );
    expect(result.status).toBe(500);
    expect(result.body).toEqual({
      error: "error parsing the selector: found 'prod', expected: '('",
      code: 2,
      message: "error parsing the selector: found 'prod', expected: '('",
    });
  });

  it('filters by exact name', async () => {
    expect(names(await list('central', '?name=payments-api-prod'))).toEqual([
      'payments-api-prod',
    ]);
    expect(names(await list('central', '?name=payments-api'))).toEqual([]);
  });

  it('filters by repeatable projects', async () => {
    expect(names(await list('central', '?projects=inventory'))).toEqual([
      'inventory-service-prod',
    ]);
    expect(
      names(await list('central', '?projects=inventory&projects=orders')),
    ).toEqual([
      'inventory-service-prod',
      'orders-worker-prod',
      'orders-worker-staging',
    ]);
  });

  it('filters by app namespace', async () => {
    expect(names(await list('central', '?appNamespace=team-orders'))).toEqual([
      'orders-worker-prod',
      'orders-worker-staging',
    ]);
    expect(names(await list('edge', '?appNamespace=argocd'))).toEqual([
      'checkout-web-dev',
      'inventory-service-dev',
      'payments-api-dev',
    ]);
  });

  it('filters by the repo URL of the first source', async () => {
    expect(
      names(
        await list(
          'central',
          `?repo=${encodeURIComponent('https://charts.acme.example/stable')}`,
        ),
      ),
    ).toEqual(['inventory-service-prod', 'orders-worker-staging']);
    expect(
      names(
        await list(
          'central',
          `?repo=${encodeURIComponent(
            'https://github.com/acme/orders-worker-deploy.git',
          )}`,
        ),
      ),
    ).toEqual(['orders-worker-prod']);
  });

  it('accepts resourceVersion and answers from its cache regardless', async () => {
    const body = await list(
      'central',
      '?resourceVersion=1&name=checkout-web-prod',
    );
    expect(names(body)).toEqual(['checkout-web-prod']);
    expect(body.metadata.resourceVersion).toBe('48211937');
  });

  it('trims items to the requested fields, combined with the other filters', async () => {
    const body = await list(
      'central',
      `?selector=${encodeURIComponent(
        'app.kubernetes.io/part-of=checkout-web',
      )}&fields=${encodeURIComponent(
        'items.metadata.name,items.status.sync.status,items.status.health,items.status.history',
      )}`,
    );
    expect(body).toEqual({
      metadata: { resourceVersion: '48211937' },
      items: [
        {
          metadata: { name: 'checkout-web-prod' },
          status: {
            sync: { status: 'OutOfSync' },
            health: { status: 'Healthy' },
          },
        },
        {
          metadata: { name: 'checkout-web-staging' },
          status: {
            sync: { status: 'OutOfSync' },
            health: { status: 'Healthy' },
          },
        },
      ],
    });
  });

  it('sends "items": [] without fields and null with fields when nothing matches', async () => {
    expect((await list('central', '?name=nothing')).items).toEqual([]);
    expect(
      (await list('central', '?name=nothing&fields=items.metadata.name')).items,
    ).toBeNull();
  });
});

describe('GET /api/v1/applications/{name}', () => {
  it('returns the application as Argo CD stores it', async () => {
    const result = await call(
      simulator,
      'central',
      '/api/v1/applications/payments-api-prod',
    );
    expect(result.status).toBe(200);
    expect(result.contentType).toBe('application/json');
    expect(result.body.metadata).toMatchObject({
      name: 'payments-api-prod',
      namespace: 'argocd',
    });
    expect(result.body.status.health.status).toBe('Degraded');
    expect(result.body.status.history.map((h: { id: number }) => h.id)).toEqual(
      [40, 41, 42, 43, 44, 45],
    );
    expect(swaggerProblems(result.body, 'v1alpha1Application')).toEqual([]);
  });

  it('finds apps in other namespaces only with appNamespace', async () => {
    const inNamespace = await call(
      simulator,
      'edge',
      '/api/v1/applications/orders-worker-dev?appNamespace=team-orders',
    );
    expect(inNamespace.status).toBe(200);
    expect(inNamespace.body.status.sync.status).toBe('OutOfSync');
    const withProject = await call(
      simulator,
      'edge',
      '/api/v1/applications/orders-worker-dev?appNamespace=team-orders&project=orders',
    );
    expect(withProject.status).toBe(200);
    const defaultNamespace = await call(
      simulator,
      'edge',
      '/api/v1/applications/orders-worker-dev?project=orders',
    );
    expect(defaultNamespace.status).toBe(404);
  });

  it('answers 404 NotFound for a missing app when a project is given', async () => {
    const result = await call(
      simulator,
      'central',
      '/api/v1/applications/payments-api-qa?project=payments',
    );
    expect(result.status).toBe(404);
    expect(result.body).toEqual({
      error: 'applications.argoproj.io "payments-api-qa" not found',
      code: 5,
      message: 'applications.argoproj.io "payments-api-qa" not found',
    });
  });

  it('answers 404 for an app that exists in another project than the one given', async () => {
    const result = await call(
      simulator,
      'central',
      '/api/v1/applications/payments-api-prod?project=checkout',
    );
    expect(result.status).toBe(404);
    expect(result.body.code).toBe(5);
  });

  it('answers 403 "permission denied" for a missing app without a project, so names cannot be probed', async () => {
    const result = await call(
      simulator,
      'central',
      '/api/v1/applications/payments-api-qa',
    );
    expect(result.status).toBe(403);
    expect(result.body).toEqual({
      error: 'permission denied',
      code: 7,
      message: 'permission denied',
    });
    const elsewhere = await call(
      simulator,
      'central',
      '/api/v1/applications/orders-worker-prod?appNamespace=argocd',
    );
    expect(elsewhere.status).toBe(403);
  });

  it('can answer 404 for missing apps without a project when configured', async () => {
    const lenient = await startSimulator({
      missingAppWithoutProject: 'not-found',
    });
    try {
      const result = await call(
        lenient,
        'central',
        '/api/v1/applications/orders-worker-prod',
      );
      expect(result.status).toBe(404);
      expect(result.body.message).toBe(
        'applications.argoproj.io "orders-worker-prod" not found',
      );
    } finally {
      await lenient.close();
    }
  });
});
