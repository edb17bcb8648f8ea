import {
  coreServices,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import path from 'path';
import request from 'supertest';
import { responseErrors, ROUTES } from '../__testUtils__/openapi';
import { gitopsPlugin } from '../plugin';
import {
  entryMarkdown,
  questionMeta,
} from '../services/knowledge/__fixtures__/knowledgeFixtures';

/**
 * The whole plugin with an organization directory holding one invalid and
 * one valid file: the backend starts, serves the valid entry and tells an
 * admin about the other.
 */
describe('an invalid organization knowledge file', () => {
  const mockDir = createMockDirectory();
  // As an admin writes it in app-config: relative to the working directory.
  const directory = () => path.relative(process.cwd(), mockDir.path);
  const invalidFile = () => path.join(directory(), 'acme-broken.md');
  const user = mockCredentials.user.header();

  beforeAll(() => {
    mockDir.setContent({
      // A question with a bad level and, allowed for an organization, no quiz.
      'acme-broken.md': entryMarkdown(
        questionMeta('acme-broken', { level: 'junior', quiz: [] }),
      ),
      'acme-deploys.md': entryMarkdown(
        questionMeta('acme-deploys', { title: 'Deploying at Acme', quiz: [] }),
        'Merge to main; Argo CD does the rest.',
      ),
    });
  });

  function start(features: Parameters<typeof startTestBackend>[0]['features']) {
    return startTestBackend({
      features: [
        gitopsPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: { gitops: { knowledge: { directories: [directory()] } } },
        }),
        // Requests without credentials are unauthenticated, as in production.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        ...(features ?? []),
      ],
    });
  }

  describe('without a permission policy (permission.enabled unset)', () => {
    let server: Parameters<typeof request>[0];
    const warnings: string[] = [];

    beforeAll(async () => {
      const logger: LoggerService = {
        error: () => {},
        warn: message => {
          warnings.push(message);
        },
        info: () => {},
        debug: () => {},
        child: () => logger,
      };
      ({ server } = await start([
        createServiceFactory({
          service: coreServices.rootLogger,
          deps: {},
          factory: () => logger,
        }),
      ]));
    });

    it('starts, serves the valid entry and not the invalid one', async () => {
      const valid = await request(server)
        .get('/api/gitops/knowledge/acme-deploys')
        .set('Authorization', user);
      expect(valid.status).toBe(200);
      expect(valid.body.entry).toMatchObject({
        id: 'acme-deploys',
        title: 'Deploying at Acme',
        body: 'Merge to main; Argo CD does the rest.',
        quiz: [],
      });

      const invalid = await request(server)
        .get('/api/gitops/knowledge/acme-broken')
        .set('Authorization', user);
      expect(invalid.status).toBe(404);

      // The bundled content is still there.
      const bundled = await request(server)
        .get('/api/gitops/knowledge/sync-policies')
        .set('Authorization', user);
      expect(bundled.status).toBe(200);
    });

    it('logs the problem once, as file: field: reason', () => {
      const knowledgeWarnings = warnings.filter(w =>
        w.includes('GitOps knowledge content'),
      );
      expect(knowledgeWarnings).toEqual([
        'Skipped invalid GitOps knowledge content; the rest is served (1 problem):\n' +
          `  ${invalidFile()}: level: must be one of entry, senior, sre`,
      ]);
    });

    it('counts the problem in the health check, without naming the file', async () => {
      const res = await request(server).get('/api/gitops/health');

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'ok',
        knowledge: { entries: expect.any(Number), problems: 1 },
      });
      expect(res.body.knowledge.entries).toBeGreaterThan(35);
      expect(JSON.stringify(res.body)).not.toContain('acme-broken');
      expect(responseErrors('/health', 200, res.body)).toEqual([]);
    });

    it('lists the file and reason at /knowledge/problems', async () => {
      const res = await request(server)
        .get('/api/gitops/knowledge/problems')
        .set('Authorization', user);

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        problems: [
          {
            file: invalidFile(),
            field: 'level',
            reason: 'must be one of entry, senior, sre',
          },
        ],
      });
      expect(path.isAbsolute(res.body.problems[0].file)).toBe(false);
      expect(responseErrors(ROUTES.knowledgeProblems, 200, res.body)).toEqual(
        [],
      );
    });

    it('requires credentials for /knowledge/problems', async () => {
      const res = await request(server).get('/api/gitops/knowledge/problems');

      expect(res.status).toBe(401);
      expect(responseErrors(ROUTES.knowledgeProblems, 401, res.body)).toEqual(
        [],
      );
    });

    it('registers its permissions with the permission framework', async () => {
      const res = await request(server)
        .get('/api/gitops/.well-known/backstage/permissions/metadata')
        .set('Authorization', mockCredentials.service.header());

      expect(res.status).toBe(200);
      expect(res.body.permissions).toContainEqual({
        type: 'basic',
        name: 'gitops.knowledge.problems.read',
        attributes: { action: 'read' },
      });
      // The action permissions are on the catalog's entities, for its rules.
      expect(res.body.permissions).toContainEqual({
        type: 'resource',
        name: 'gitops.application.rollback',
        resourceType: 'catalog-entity',
        attributes: { action: 'update' },
      });
      expect(res.body.permissions).toContainEqual({
        type: 'basic',
        name: 'gitops.fleet.read',
        attributes: { action: 'read' },
      });
      expect(res.body.permissions).toHaveLength(7);
    });
  });

  describe('with a policy that denies', () => {
    let server: Parameters<typeof request>[0];

    beforeAll(async () => {
      ({ server } = await start([
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ]));
    });

    it('answers 403 at /knowledge/problems', async () => {
      const res = await request(server)
        .get('/api/gitops/knowledge/problems')
        .set('Authorization', user);

      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        name: 'NotAllowedError',
        message:
          'Listing knowledge content problems needs the gitops.knowledge.problems.read permission',
      });
      expect(JSON.stringify(res.body)).not.toContain('acme-broken');
      expect(responseErrors(ROUTES.knowledgeProblems, 403, res.body)).toEqual(
        [],
      );
    });

    it('still answers the health check and serves the valid entry', async () => {
      const health = await request(server).get('/api/gitops/health');
      expect(health.body).toMatchObject({
        status: 'ok',
        knowledge: { problems: 1 },
      });

      const valid = await request(server)
        .get('/api/gitops/knowledge/acme-deploys')
        .set('Authorization', user);
      expect(valid.status).toBe(200);
    });
  });
});
