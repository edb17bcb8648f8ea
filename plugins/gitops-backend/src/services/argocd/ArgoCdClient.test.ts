import type { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { ServerResponse } from 'node:http';
import { startDeadline } from '../shared/Deadline';
import { startStubServer } from '../../__testUtils__/stubServer';
import type { ArgoCdAuthConfig } from '../../config/readArgoCdConfig';
import { ArgoCdClient, segment } from './ArgoCdClient';
import { ArgoCdError } from './ArgoCdError';

const TOKEN = 'static-secret-token';
const PREFIX = '/root';

function jwt(expSeconds: number, id = 'x'): string {
  const encode = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256' })}.${encode({
    exp: expSeconds,
    jti: id,
  })}.signature${id}`;
}

async function failure(promise: Promise<unknown>): Promise<ArgoCdError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ArgoCdError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

const app = (name: string) => ({
  metadata: { name, namespace: 'argocd' },
  spec: {},
});

describe('ArgoCdClient', () => {
  let stub: Awaited<ReturnType<typeof startStubServer>>;

  beforeAll(async () => {
    stub = await startStubServer();
  });
  afterEach(() => {
    const unmatched = [...stub.unmatched];
    stub.reset();
    // Like msw's onUnhandledRequest: 'error'.
    if (unmatched.length > 0) {
      throw new Error(`Unexpected requests: ${unmatched.join(', ')}`);
    }
  });
  afterAll(() => stub.close());

  function client(
    auth: ArgoCdAuthConfig = { type: 'token', token: TOKEN },
    timeoutMs = 2000,
    options: { maxResponseBytes?: number; logger?: LoggerService } = {},
  ) {
    const url = `${stub.url}${PREFIX}`;
    return ArgoCdClient.create({
      instance: { name: 'test', url, uiUrl: url, auth, actions: true },
      timeoutMs,
      maxResponseBytes: options.maxResponseBytes ?? 32 * 1024 * 1024,
      logger: options.logger ?? mockServices.logger.mock(),
    });
  }

  const seen = () => stub.requests.map(r => `${r.method} ${r.path}${r.search}`);

  it('lists applications with encoded query parameters and a bearer token', async () => {
    stub.on(`GET ${PREFIX}/api/v1/applications`, () => ({
      json: { metadata: {}, items: [app('a')] },
    }));
    const list = await client().listApplications({
      selector: 'app in (a,b),team=x&y',
      projects: ['p1', 'p2'],
      appNamespace: 'team-a',
      fields: ['items.metadata.name', 'items.spec'],
    });
    expect(list.items).toEqual([app('a')]);
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0].authorization).toBe(`Bearer ${TOKEN}`);
    const query = new URLSearchParams(stub.requests[0].search);
    expect([...query.entries()]).toEqual([
      ['selector', 'app in (a,b),team=x&y'],
      ['projects', 'p1'],
      ['projects', 'p2'],
      ['appNamespace', 'team-a'],
      ['fields', 'items.metadata.name,items.spec'],
    ]);
    expect(stub.requests[0].search).not.toContain('&y');
  });

  it('accepts a null item list (Go nil slice)', async () => {
    stub.on(`GET ${PREFIX}/api/v1/applications`, () => ({
      json: { metadata: {}, items: null },
    }));
    await expect(client().listApplications({ name: 'x' })).resolves.toEqual({
      metadata: {},
      items: null,
    });
    expect(seen()).toEqual([`GET ${PREFIX}/api/v1/applications?name=x`]);
  });

  it('percent-encodes every path segment', async () => {
    stub.on(`GET ${PREFIX}/api/v1/applications/a%2Fb%3Fc%3Dd%23e`, () => ({
      json: app('x'),
    }));
    stub.on(`GET ${PREFIX}/api/v1/applications/a%252Fb/resource-tree`, () => ({
      json: { nodes: [] },
    }));
    stub.on(
      `GET ${PREFIX}/api/v1/applications/app/revisions/feature%2Fx%20y/metadata`,
      () => ({ json: { author: 'a' } }),
    );
    const c = client();
    await c.getApplication({
      name: 'a/b?c=d#e',
      appNamespace: 'ns',
      project: 'p',
    });
    await c.getResourceTree({ name: 'a%2Fb' });
    await c.getRevisionMetadata({ name: 'app' }, 'feature/x y', 1);
    expect(seen()).toEqual([
      `GET ${PREFIX}/api/v1/applications/a%2Fb%3Fc%3Dd%23e?appNamespace=ns&project=p`,
      `GET ${PREFIX}/api/v1/applications/a%252Fb/resource-tree`,
      `GET ${PREFIX}/api/v1/applications/app/revisions/feature%2Fx%20y/metadata?sourceIndex=1`,
    ]);
  });

  it('refuses dot segments, which URL parsers would resolve', () => {
    expect(() => segment('..')).toThrow(TypeError);
    expect(() => segment('.')).toThrow(TypeError);
    expect(() => segment('')).toThrow(TypeError);
    expect(segment('../x')).toBe('..%2Fx');
  });

  it.each([
    [401, 'unauthorized', /rejected the configured credentials/],
    [403, 'forbidden', /needs Argo CD RBAC permission/],
    [404, 'not-found', /found nothing while reading application 'a'/],
    [500, 'bad-response', /failed while reading application 'a' \(500/],
    [503, 'bad-response', /503/],
    [429, 'bad-response', /429/],
  ] as const)('maps HTTP %i to %s', async (status, code, message) => {
    stub.on(`GET ${PREFIX}/api/v1/applications/a`, () => ({
      status,
      json: { error: 'boom', code: 2, message: `upstream says ${TOKEN}` },
    }));
    const error = await failure(client().getApplication({ name: 'a' }));
    expect(error.code).toBe(code);
    expect(error.instance).toBe('test');
    expect(error.application).toBe('a');
    expect(error.message).toMatch(message);
    expect(error.message).toContain('upstream says [redacted]');
    expect(error.message).not.toContain(TOKEN);
    // A static token is not retried.
    expect(stub.requests).toHaveLength(1);
  });

  it('maps malformed JSON and unexpected shapes to bad-response', async () => {
    stub.on(`GET ${PREFIX}/api/v1/applications`, () => ({
      text: '{"items": [',
    }));
    stub.on(`GET ${PREFIX}/api/v1/applications/a`, () => ({
      json: ['not', 'an', 'app'],
    }));
    stub.on(`GET ${PREFIX}/api/v1/applications/a/resource-tree`, () => ({
      json: { nodes: 'nope' },
    }));
    const c = client();
    const malformed = await failure(c.listApplications({}));
    expect(malformed.code).toBe('bad-response');
    expect(malformed.message).toMatch(/malformed JSON/);
    const shape = await failure(c.getApplication({ name: 'a' }));
    expect(shape.code).toBe('bad-response');
    expect(shape.message).toMatch(/not an application/);
    const tree = await failure(c.getResourceTree({ name: 'a' }));
    expect(tree.code).toBe('bad-response');
  });

  it('does not follow redirects', async () => {
    stub.on(`GET ${PREFIX}/api/v1/applications`, () => ({
      status: 302,
      headers: { location: 'https://sso.example.com/login?token=abc' },
    }));
    const error = await failure(client().listApplications({}));
    expect(error.code).toBe('bad-response');
    expect(error.message).toContain(
      'with a redirect (302 Found to https://sso.example.com/login)',
    );
    expect(error.message).not.toContain('token=abc');
  });

  it('times out', async () => {
    stub.on(
      `GET ${PREFIX}/api/v1/applications`,
      () =>
        new Promise(resolve => setTimeout(() => resolve({ json: {} }), 500)),
    );
    const error = await failure(client(undefined, 100).listApplications({}));
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(
      "Argo CD instance 'test' did not answer listing applications within 100 ms",
    );
  });

  describe('bounds', () => {
    /** A valid list of `count` applications, written in 64 KiB chunks without a length. */
    function streamList(count: number) {
      return (res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const item = JSON.stringify(app('x'.repeat(200)));
        let sent = 0;
        res.write('{"metadata":{},"items":[');
        const writeMore = () => {
          while (sent < count) {
            const chunk: string[] = [];
            for (let i = 0; i < 200 && sent < count; i++, sent++) {
              chunk.push((sent ? ',' : '') + item);
            }
            if (!res.write(chunk.join(''))) {
              res.once('drain', writeMore);
              return;
            }
          }
          res.end(']}');
        };
        res.on('error', () => undefined);
        writeMore();
      };
    }

    it('stops reading an answer at the size limit and names the limit', async () => {
      stub.on(`GET ${PREFIX}/api/v1/applications`, () => ({
        raw: streamList(20_000),
      }));
      const error = await failure(
        client(undefined, 5000, {
          maxResponseBytes: 1024 * 1024,
        }).listApplications({}),
      );
      expect(error.code).toBe('bad-response');
      expect(error.message).toContain(
        "Argo CD instance 'test' answered listing applications with more than the 1 MiB limit",
      );
      expect(error.message).toContain('gitops.limits.maxResponseMegabytes');
    });

    it('names the setting of a per-call bound, such as a watch’s full list', async () => {
      stub.on(`GET ${PREFIX}/api/v1/applications`, () => ({
        raw: streamList(20_000),
      }));
      const error = await failure(
        client(undefined, 5000).mapApplicationList({}, item => item, {
          maxResponseBytes: 1024 * 1024,
          maxResponseSetting: 'gitops.watch.maxListMegabytes',
        }),
      );
      expect(error.message).toContain('more than the 1 MiB limit');
      expect(error.message).toContain('raise gitops.watch.maxListMegabytes');
      expect(error.message).not.toContain('maxResponseMegabytes');
    });

    it('refuses a declared Content-Length above the limit before reading', async () => {
      stub.on(`GET ${PREFIX}/api/v1/applications`, () => ({
        json: { items: [app('a'), app('b')] },
        headers: { 'content-length': String(5 * 1024 * 1024) },
      }));
      const error = await failure(
        client(undefined, 2000, {
          maxResponseBytes: 1024 * 1024,
        }).listApplications({}),
      );
      expect(error.code).toBe('bad-response');
      expect(error.message).toContain('declared 5 MiB, more than 1 MiB');
    });

    it('reads a large answer under the limit, parsed in slices', async () => {
      stub.on(`GET ${PREFIX}/api/v1/applications`, () => ({
        raw: streamList(5_000),
      }));
      const list = await client().listApplications({});
      expect(list.items).toHaveLength(5_000);
      expect(list.items?.[4_999]?.metadata?.name).toBe('x'.repeat(200));
    });

    it('reports a body cut off mid-way as bad-response', async () => {
      stub.on(`GET ${PREFIX}/api/v1/applications`, () => ({
        raw: res => {
          res.writeHead(200, {
            'content-type': 'application/json',
            'content-length': '5000',
          });
          res.write('{"items":[{"metadata":{"name":"a"}}');
          setTimeout(() => res.destroy(), 20);
        },
      }));
      const error = await failure(client().listApplications({}));
      expect(error.code).toBe('bad-response');
      expect(error.message).toMatch(/cut off after \d+ bytes/);
    });

    it('reports large malformed JSON as bad-response', async () => {
      const items = Array.from({ length: 4_000 }, (_, i) =>
        JSON.stringify(app(`app-${i}`)),
      ).join(',');
      stub.on(`GET ${PREFIX}/api/v1/applications`, () => ({
        text: `{"items":[${items},{"metadata":{"name":"broken"}`,
      }));
      const error = await failure(client().listApplications({}));
      expect(error.code).toBe('bad-response');
      expect(error.message).toMatch(/malformed JSON \(\d+(\.\d)? KiB\)/);
    });

    it('stops at the request deadline, shorter than its own timeout', async () => {
      stub.on(`GET ${PREFIX}/api/v1/applications`, () => ({
        raw: () => undefined, // never answers
      }));
      const started = Date.now();
      const error = await failure(
        client(undefined, 10_000).listApplications(
          {},
          { deadline: startDeadline(150) },
        ),
      );
      expect(Date.now() - started).toBeLessThan(2000);
      expect(error.code).toBe('timeout');
      expect(error.message).toBe(
        "Argo CD instance 'test' did not answer listing applications before the request's 150 ms deadline",
      );
    });
  });

  describe('session login', () => {
    const auth: ArgoCdAuthConfig = {
      type: 'session',
      username: 'admin',
      password: 'the-password',
    };

    function serveSessions(options: { expSeconds?: number } = {}) {
      const issued: string[] = [];
      const valid = new Set<string>();
      stub.on(`POST ${PREFIX}/api/v1/session`, request => {
        const body = JSON.parse(request.body);
        if (body.username !== 'admin' || body.password !== 'the-password') {
          return {
            status: 401,
            json: { error: 'Invalid username or password', code: 16 },
          };
        }
        const token = jwt(
          options.expSeconds ?? Math.floor(Date.now() / 1000) + 3600,
          String(issued.length),
        );
        issued.push(token);
        valid.add(token);
        return { json: { token } };
      });
      stub.on(`GET ${PREFIX}/api/v1/applications`, request => {
        const token = request.authorization?.slice('Bearer '.length);
        if (!token || !valid.has(token)) {
          return {
            status: 401,
            json: { error: 'invalid session: token is expired', code: 16 },
          };
        }
        return { json: { items: [] } };
      });
      return { issued, valid };
    }

    it('logs in once and reuses the session token', async () => {
      const { issued } = serveSessions();
      const c = client(auth);
      await Promise.all([c.listApplications({}), c.listApplications({})]);
      await c.listApplications({});
      expect(issued).toHaveLength(1);
      expect(seen()).toEqual([
        `POST ${PREFIX}/api/v1/session`,
        `GET ${PREFIX}/api/v1/applications`,
        `GET ${PREFIX}/api/v1/applications`,
        `GET ${PREFIX}/api/v1/applications`,
      ]);
      expect(stub.requests[1].authorization).toBe(`Bearer ${issued[0]}`);
    });

    it('logs in again once after a 401 and retries once', async () => {
      const { issued, valid } = serveSessions();
      const c = client(auth);
      await c.listApplications({});
      valid.clear();
      stub.requests.length = 0;
      await expect(c.listApplications({})).resolves.toEqual({ items: [] });
      expect(
        stub.requests.map(
          r => `${r.method} ${r.path} ${r.authorization ?? ''}`,
        ),
      ).toEqual([
        `GET ${PREFIX}/api/v1/applications Bearer ${issued[0]}`,
        `POST ${PREFIX}/api/v1/session `,
        `GET ${PREFIX}/api/v1/applications Bearer ${issued[1]}`,
      ]);
    });

    it('shares one re-login between concurrent requests', async () => {
      const { issued, valid } = serveSessions();
      const c = client(auth);
      await c.listApplications({});
      valid.clear();
      await Promise.all([c.listApplications({}), c.listApplications({})]);
      expect(issued).toHaveLength(2);
    });

    it('logs in again before the JWT expires', async () => {
      const { issued } = serveSessions({
        expSeconds: Math.floor(Date.now() / 1000) + 30,
      });
      const c = client(auth);
      await c.listApplications({});
      await c.listApplications({});
      // Expiring within the safety margin: every call needs a fresh login.
      expect(issued).toHaveLength(2);
    });

    it('gives up after one retry', async () => {
      serveSessions();
      stub.on(`GET ${PREFIX}/api/v1/applications`, () => ({
        status: 401,
        json: { error: 'no', code: 16 },
      }));
      const error = await failure(client(auth).listApplications({}));
      expect(error.code).toBe('unauthorized');
      expect(stub.requests.map(r => r.method)).toEqual([
        'POST',
        'GET',
        'POST',
        'GET',
      ]);
    });

    it('reports a refused login without the password', async () => {
      serveSessions();
      const error = await failure(
        client({ ...auth, password: 'wrong-password' }).listApplications({}),
      );
      expect(error.code).toBe('unauthorized');
      expect(error.message).toBe(
        "Argo CD instance 'test' refused the login (401 Unauthorized: Invalid username or password); check the configured username and password",
      );
    });

    it('backs off after a refused login instead of logging in per request', async () => {
      serveSessions();
      const logger = mockServices.logger.mock();
      const c = client({ ...auth, password: 'wrong-password' }, 2000, {
        logger,
      });
      const errors = await Promise.all(
        Array.from({ length: 20 }, () => failure(c.listApplications({}))),
      );
      for (let i = 0; i < 20; i++) {
        errors.push(await failure(c.listApplications({})));
      }
      expect(errors.every(error => error.code === 'unauthorized')).toBe(true);
      expect(errors[39].message).toContain('refused the login');
      expect(stub.requests.filter(r => r.method === 'POST')).toHaveLength(1);
      expect(stub.requests.filter(r => r.method === 'GET')).toHaveLength(0);
      // Logged once for the backoff window, not per request.
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn.mock.calls[0][0]).toContain('no new login for 30 s');
      expect(logger.warn.mock.calls[0][0]).not.toContain('wrong-password');
    });

    it('redacts session tokens echoed by the server', async () => {
      const { issued } = serveSessions();
      const c = client(auth);
      await c.listApplications({});
      stub.on(`GET ${PREFIX}/api/v1/applications/a`, () => ({
        status: 500,
        json: { message: `bad token ${issued[0]}` },
      }));
      const error = await failure(c.getApplication({ name: 'a' }));
      expect(error.message).not.toContain(issued[0]);
      expect(error.message).toContain('bad token [redacted]');
    });
  });
});
