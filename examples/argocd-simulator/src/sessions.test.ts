import { call } from './__testUtils__/call';
import { startSimulator } from './server';
import type { Simulator } from './types';

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({
    sessionTtlSeconds: 2,
    tokens: { edge: 'edge-api-token' },
  });
});

afterAll(() => simulator.close());

const login = (instance: string, username: string, password: string) =>
  call(simulator, instance, '/api/v1/session', {
    method: 'POST',
    token: null,
    body: { username, password },
  });

const decodeClaims = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

describe('static API tokens', () => {
  it('accept the default and configured tokens of their own instance only', async () => {
    expect(simulator.token('central')).toBe('sim-central-token');
    expect(simulator.token('edge')).toBe('edge-api-token');
    expect(
      (await call(simulator, 'central', '/api/v1/applications')).status,
    ).toBe(200);
    expect((await call(simulator, 'edge', '/api/v1/applications')).status).toBe(
      200,
    );
    const foreign = await call(simulator, 'edge', '/api/v1/applications', {
      token: 'sim-central-token',
    });
    expect(foreign.status).toBe(401);
    expect(foreign.body).toEqual({
      error:
        'invalid session: token is malformed: token contains an invalid number of segments',
      code: 16,
      message:
        'invalid session: token is malformed: token contains an invalid number of segments',
    });
  });

  it("401s every API route without a token, with Argo CD's body", async () => {
    for (const path of [
      '/api/v1/applications',
      '/api/v1/applications/payments-api-prod',
      '/api/v1/applications/payments-api-prod/resource-tree',
      '/api/v1/applications/payments-api-prod/revisions/a9a6cab/metadata',
    ]) {
      const result = await call(simulator, 'central', path, { token: null });
      expect(result.status).toBe(401);
      expect(result.body).toEqual({
        error: 'no session information',
        code: 16,
        message: 'no session information',
      });
    }
  });

  it('reads the argocd.token cookie the Argo CD UI uses', async () => {
    const result = await call(
      simulator,
      'central',
      '/api/v1/applications?name=payments-api-prod',
      {
        token: null,
        headers: { cookie: 'theme=dark; argocd.token=sim-central-token' },
      },
    );
    expect(result.status).toBe(200);
    expect(result.body.items).toHaveLength(1);
  });
});

describe('POST /api/v1/session', () => {
  it('exchanges admin credentials for a JWT with Argo CD claims', async () => {
    const result = await login('central', 'admin', 'central-password');
    expect(result.status).toBe(200);
    expect(Object.keys(result.body)).toEqual(['token']);
    const claims = decodeClaims(result.body.token);
    expect(claims).toMatchObject({ iss: 'argocd', sub: 'admin:login' });
    expect(claims.exp - claims.iat).toBe(2);
    const apps = await call(simulator, 'central', '/api/v1/applications', {
      token: result.body.token,
    });
    expect(apps.status).toBe(200);
    expect(apps.body.items).toHaveLength(7);
  });

  it('refuses wrong and blank credentials with Unauthenticated', async () => {
    const wrong = await login('central', 'admin', 'edge-password');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      error: 'Invalid username or password',
      code: 16,
      message: 'Invalid username or password',
    });
    const blank = await login('central', 'admin', '');
    expect(blank.body.message).toBe('Blank passwords are not allowed');
    const other = await login('central', 'alice', 'central-password');
    expect(other.status).toBe(401);
  });

  it('issues tokens that only work on the instance that issued them', async () => {
    const { body } = await login('edge', 'admin', 'edge-password');
    expect(
      (
        await call(simulator, 'edge', '/api/v1/applications', {
          token: body.token,
        })
      ).status,
    ).toBe(200);
    const elsewhere = await call(simulator, 'central', '/api/v1/applications', {
      token: body.token,
    });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body.message).toBe(
      'invalid session: token signature is invalid: signature is invalid',
    );
  });

  it('lets session tokens expire after sessionTtlSeconds', async () => {
    const { body } = await login('central', 'admin', 'central-password');
    expect(
      (
        await call(simulator, 'central', '/api/v1/applications', {
          token: body.token,
        })
      ).status,
    ).toBe(200);
    await new Promise(resolve => setTimeout(resolve, 2100));
    const expired = await call(simulator, 'central', '/api/v1/applications', {
      token: body.token,
    });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({
      error: 'invalid session: token has invalid claims: token is expired',
      code: 16,
      message: 'invalid session: token has invalid claims: token is expired',
    });
  });

  it('expires every session at once with expireSessions, but not static tokens', async () => {
    const { body } = await login('edge', 'admin', 'edge-password');
    simulator.expireSessions();
    expect(
      (
        await call(simulator, 'edge', '/api/v1/applications', {
          token: body.token,
        })
      ).status,
    ).toBe(401);
    expect((await call(simulator, 'edge', '/api/v1/applications')).status).toBe(
      200,
    );
    const fresh = await login('edge', 'admin', 'edge-password');
    expect(
      (
        await call(simulator, 'edge', '/api/v1/applications', {
          token: fresh.body.token,
        })
      ).status,
    ).toBe(200);
  });
});
