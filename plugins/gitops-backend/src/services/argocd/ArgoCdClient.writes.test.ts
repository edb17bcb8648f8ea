import { mockServices } from '@backstage/backend-test-utils';
import { startStubServer } from '../../__testUtils__/stubServer';
import type { ArgoCdAuthConfig } from '../../config/readArgoCdConfig';
import { ArgoCdClient } from './ArgoCdClient';
import { ArgoCdError } from './ArgoCdError';

const PREFIX = '/argo';
const SYNC = `POST ${PREFIX}/api/v1/applications/shop/sync`;
const ROLLBACK = `POST ${PREFIX}/api/v1/applications/shop/rollback`;
const app = { metadata: { name: 'shop', namespace: 'argocd' }, spec: {} };
const locator = { name: 'shop', appNamespace: 'argocd', project: 'web' };

async function failure(promise: Promise<unknown>): Promise<ArgoCdError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ArgoCdError)) {
    throw new Error(`expected an ArgoCdError, got ${String(error)}`);
  }
  return error;
}

/** The writes the actions send: each exactly once, refusals worded for the person who can fix them. */
describe('ArgoCdClient writes', () => {
  let stub: Awaited<ReturnType<typeof startStubServer>>;

  beforeAll(async () => {
    stub = await startStubServer();
  });
  afterEach(() => stub.reset());
  afterAll(() => stub.close());

  function client(
    auth: ArgoCdAuthConfig = { type: 'token', token: 'tok' },
    timeoutMs = 2000,
  ) {
    const url = `${stub.url}${PREFIX}`;
    return ArgoCdClient.create({
      instance: { name: 'central', url, uiUrl: url, auth, actions: true },
      timeoutMs,
      maxResponseBytes: 1024 * 1024,
      logger: mockServices.logger.mock(),
    });
  }

  const writes = () =>
    stub.requests.filter(request => request.method === 'POST');

  it('sends a sync with the locator and parameters in the body', async () => {
    stub.on(SYNC, () => ({ json: app }));
    await client().syncApplication(locator, {
      revision: 'abc1234',
      prune: false,
      dryRun: true,
    });
    expect(writes()).toHaveLength(1);
    expect(JSON.parse(writes()[0].body)).toEqual({
      name: 'shop',
      appNamespace: 'argocd',
      project: 'web',
      revision: 'abc1234',
      prune: false,
      dryRun: true,
    });
  });

  it('sends a rollback with the history id', async () => {
    stub.on(ROLLBACK, () => ({ json: app }));
    await client().rollbackApplication(locator, {
      id: 44,
      prune: true,
      dryRun: false,
    });
    expect(JSON.parse(writes()[0].body)).toMatchObject({ id: 44, prune: true });
  });

  it('refreshes with the refresh query parameter', async () => {
    stub.on(`GET ${PREFIX}/api/v1/applications/shop`, () => ({ json: app }));
    await client().refreshApplication(locator, 'hard');
    expect(stub.requests[0].search).toBe(
      '?appNamespace=argocd&project=web&refresh=hard',
    );
  });

  it.each([
    ['a 503', { status: 503, json: { error: 'busy', code: 14 } }],
    ['a 401', { status: 401, json: { error: 'token expired', code: 16 } }],
  ])('never sends a write twice, even after %s', async (_, answer) => {
    stub.on(SYNC, () => answer);
    await failure(
      client().syncApplication(locator, { prune: false, dryRun: false }),
    );
    expect(writes()).toHaveLength(1);
  });

  it('never resends a write after a 401 of a session, where a read would log in again', async () => {
    let logins = 0;
    stub.on(`POST ${PREFIX}/api/v1/session`, () => {
      logins++;
      return { json: { token: `session-${logins}` } };
    });
    stub.on(ROLLBACK, () => ({
      status: 401,
      json: { error: 'invalid session: token is expired', code: 16 },
    }));
    const error = await failure(
      client({
        type: 'session',
        username: 'admin',
        password: 'pw',
      }).rollbackApplication(locator, { id: 3, prune: false, dryRun: false }),
    );
    expect(error.code).toBe('unauthorized');
    expect(stub.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      `POST ${PREFIX}/api/v1/session`,
      ROLLBACK,
    ]);
  });

  it('never resends a write that timed out', async () => {
    stub.on(SYNC, () => ({ raw: () => undefined }));
    const error = await failure(
      client(undefined, 200).syncApplication(locator, {
        prune: false,
        dryRun: false,
      }),
    );
    expect(error.code).toBe('timeout');
    expect(writes()).toHaveLength(1);
  });

  it('names the RBAC action an account lacks', async () => {
    stub.on(SYNC, () => ({
      status: 403,
      json: {
        error:
          'permission denied: applications, sync, web/shop, sub: backstage',
        code: 7,
      },
    }));
    const error = await failure(
      client().syncApplication(locator, { prune: false, dryRun: false }),
    );
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe(
      "Argo CD instance 'central' refused syncing application 'shop' (403 Forbidden: permission denied: applications, sync, web/shop, sub: backstage); the configured account needs Argo CD RBAC permission to sync these applications",
    );
  });

  it('says when a sync window blocks the sync', async () => {
    stub.on(SYNC, () => ({
      status: 403,
      json: { error: 'cannot sync: blocked by sync window', code: 7 },
    }));
    const error = await failure(
      client().syncApplication(locator, { prune: false, dryRun: false }),
    );
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('a sync window of the application');
    expect(error.message).not.toContain('RBAC');
  });

  it('words a validation refusal as a refusal, with Argo CD message', async () => {
    stub.on(ROLLBACK, () => ({
      status: 400,
      json: {
        error: 'application argocd/shop does not have deployment with id 99',
        code: 3,
      },
    }));
    const error = await failure(
      client().rollbackApplication(locator, {
        id: 99,
        prune: false,
        dryRun: false,
      }),
    );
    expect(error.code).toBe('bad-response');
    expect(error.message).toBe(
      "Argo CD instance 'central' refused rolling back application 'shop' (400 Bad Request: application argocd/shop does not have deployment with id 99)",
    );
  });
});
