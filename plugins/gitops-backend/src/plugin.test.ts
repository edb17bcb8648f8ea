import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { gitopsPlugin } from './plugin';

describe('gitopsPlugin', () => {
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        gitopsPlugin,
        // A request without credentials is unauthenticated, as in production
        // (the test backend would otherwise treat it as a signed-in user).
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    }));
  });

  it('answers the health check without credentials', async () => {
    const res = await request(server).get('/api/gitops/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      knowledge: { entries: expect.any(Number), problems: 0 },
    });
    expect(res.body.knowledge.entries).toBeGreaterThan(0);
  });

  it.each([
    '/api/gitops/knowledge/topics',
    '/api/gitops/entities/component/default/payments-api/applications',
  ])('refuses %s without credentials', async path => {
    const res = await request(server).get(path);
    expect(res.status).toBe(401);
  });

  it('serves the same routes to a signed-in user', async () => {
    const res = await request(server)
      .get('/api/gitops/knowledge/topics')
      .set('authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
  });
});
