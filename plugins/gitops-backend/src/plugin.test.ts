import { startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { gitopsPlugin } from './plugin';

describe('gitopsPlugin', () => {
  it('answers the health check without credentials', async () => {
    const { server } = await startTestBackend({ features: [gitopsPlugin] });
    const res = await request(server).get('/api/gitops/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});
