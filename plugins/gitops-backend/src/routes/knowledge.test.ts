import {
  createBackendPlugin,
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  gitopsKnowledgeProblemsReadPermission,
  KnowledgeProblem,
} from '@gitops-guide/backstage-plugin-gitops-common';
import request from 'supertest';
import { responseErrors, ROUTES } from '../__testUtils__/openapi';
import {
  FIXTURE_ENTRIES,
  FIXTURE_SKILL_CHECK,
} from '../services/knowledge/__fixtures__/knowledgeFixtures';
import {
  DefaultKnowledgeService,
  knowledgeServiceRef,
} from '../services/knowledge';
import { createKnowledgeRoutes } from './knowledge';

// Mounts the routes the way the plugin does: at the root of `/api/gitops`.
const knowledgeTestPlugin = createBackendPlugin({
  pluginId: 'gitops',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        knowledge: knowledgeServiceRef,
      },
      async init({ httpRouter, httpAuth, permissions, knowledge }) {
        httpRouter.use(
          createKnowledgeRoutes({ knowledge, httpAuth, permissions }),
        );
      },
    });
  },
});

const PROBLEMS: KnowledgeProblem[] = [
  {
    file: 'knowledge/acme/deploys.md',
    field: 'quiz.0.answer',
    reason: 'must be a 0-based index into options (0..1)',
  },
  { file: 'knowledge/acme/notes.md', reason: 'cannot be read (EACCES)' },
];

/** The content maintainer may read the problems; everyone else is denied. */
const CONTENT_ADMIN = 'user:default/content-admin';

describe('knowledge routes', () => {
  let server: Parameters<typeof request>[0];
  const user = mockCredentials.user.header();
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, options) => {
      const principal = options?.credentials.principal as
        | { userEntityRef?: string }
        | undefined;
      return requests.map(() => ({
        result:
          principal?.userEntityRef === CONTENT_ADMIN
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }));
    },
  });

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        knowledgeTestPlugin,
        createServiceFactory({
          service: knowledgeServiceRef,
          deps: {},
          factory: () =>
            new DefaultKnowledgeService({
              entries: FIXTURE_ENTRIES,
              skillCheck: FIXTURE_SKILL_CHECK,
              problems: PROBLEMS,
            }),
        }),
        permissions.factory,
        // Requests without credentials are unauthenticated, as in production.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    }));
  });

  it('searches with ranking, snippets and filters', async () => {
    const res = await request(server)
      .get('/api/gitops/knowledge')
      .query({ q: 'immutable', kind: 'runbook' })
      .set('Authorization', user);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 1,
      results: [
        {
          id: 'runbook-sync-failed',
          title: 'Runbook: sync failed',
          kind: 'runbook',
          level: 'sre',
          topics: ['argocd', 'troubleshooting'],
          summary: 'Read the message and fix the manifest.',
          score: expect.any(Number),
          // Snippet text travels as data, unescaped; only `match` marks words.
          snippets: [
            [
              {
                text: expect.stringContaining('<script>alert("x")</script>'),
                match: false,
              },
              { text: 'immutable', match: true },
              { text: expect.any(String), match: false },
            ],
          ],
          highlights: [expect.stringContaining('<mark>immutable</mark>')],
        },
      ],
    });
    expect(responseErrors(ROUTES.knowledge, 200, res.body)).toEqual([]);
  });

  it('lists every entry, filtered, when q is empty', async () => {
    const res = await request(server)
      .get('/api/gitops/knowledge?q=&topic=&level=entry&kind=')
      .set('Authorization', user);

    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { id: string }) => r.id)).toEqual([
      'glossary-prune',
      'gitops-basics',
    ]);
    expect(res.body.total).toBe(2);
    expect(responseErrors(ROUTES.knowledge, 200, res.body)).toEqual([]);
  });

  it.each([
    ['level=expert', 'level: must be one of entry, senior, sre'],
    ['kind=tutorial', 'kind: must be one of question, runbook, glossary'],
    ['topic=Not%20A%20Slug', 'topic: must be kebab-case'],
    ['q=a&q=b', 'q: must be given once'],
    [`q=${'x'.repeat(201)}`, 'q: must be at most 200 characters'],
  ])(
    'rejects a bad query (%#) with a 400 naming the parameter',
    async (query, reason) => {
      const res = await request(server)
        .get(`/api/gitops/knowledge?${query}`)
        .set('Authorization', user);

      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ name: 'InputError' });
      expect(res.body.error.message).toContain(reason);
      expect(responseErrors(ROUTES.knowledge, 400, res.body)).toEqual([]);
    },
  );

  it('returns an entry with its markdown, quiz and related summaries', async () => {
    const res = await request(server)
      .get('/api/gitops/knowledge/gitops-basics')
      .set('Authorization', user);

    expect(res.status).toBe(200);
    expect(res.body.entry).toEqual(FIXTURE_ENTRIES[0]);
    expect(res.body.related.map((r: { id: string }) => r.id)).toEqual([
      'sync-policies',
      'runbook-sync-failed',
    ]);
    expect(responseErrors(ROUTES.knowledgeEntry, 200, res.body)).toEqual([]);
  });

  it('answers 404 for an unknown entry and 400 for a malformed id', async () => {
    const missing = await request(server)
      .get('/api/gitops/knowledge/no-such-entry')
      .set('Authorization', user);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      name: 'NotFoundError',
      message: 'No knowledge entry with id "no-such-entry"',
    });
    expect(responseErrors(ROUTES.knowledgeEntry, 404, missing.body)).toEqual(
      [],
    );

    const malformed = await request(server)
      .get('/api/gitops/knowledge/Not_An_Id')
      .set('Authorization', user);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toContain('id: must be kebab-case');
    expect(responseErrors(ROUTES.knowledgeEntry, 400, malformed.body)).toEqual(
      [],
    );
  });

  it('returns the topics, levels and kinds (not an entry called "topics")', async () => {
    const res = await request(server)
      .get('/api/gitops/knowledge/topics')
      .set('Authorization', user);

    expect(res.status).toBe(200);
    expect(res.body.levels).toEqual([
      { id: 'entry', count: 2 },
      { id: 'senior', count: 1 },
      { id: 'sre', count: 1 },
    ]);
    expect(res.body.topics).toContainEqual({ id: 'argocd', count: 2 });
    expect(responseErrors(ROUTES.knowledgeTopics, 200, res.body)).toEqual([]);
  });

  it('returns the skill check', async () => {
    const res = await request(server)
      .get('/api/gitops/knowledge/skill-check')
      .set('Authorization', mockCredentials.service.header());

    expect(res.status).toBe(200);
    expect(res.body).toEqual(FIXTURE_SKILL_CHECK);
    expect(responseErrors(ROUTES.knowledgeSkillCheck, 200, res.body)).toEqual(
      [],
    );
  });

  it('lists the content problems to a caller with the permission', async () => {
    const res = await request(server)
      .get('/api/gitops/knowledge/problems')
      .set('Authorization', mockCredentials.user.header(CONTENT_ADMIN));

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ problems: PROBLEMS });
    expect(responseErrors(ROUTES.knowledgeProblems, 200, res.body)).toEqual([]);
    expect(permissions.authorize).toHaveBeenLastCalledWith(
      [{ permission: gitopsKnowledgeProblemsReadPermission }],
      { credentials: mockCredentials.user(CONTENT_ADMIN) },
    );
  });

  it('answers 403 to a caller without the permission (not an entry called "problems")', async () => {
    const res = await request(server)
      .get('/api/gitops/knowledge/problems')
      .set('Authorization', user);

    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        'Listing knowledge content problems needs the gitops.knowledge.problems.read permission',
    });
    expect(responseErrors(ROUTES.knowledgeProblems, 403, res.body)).toEqual([]);
  });

  it('requires credentials', async () => {
    const res = await request(server).get('/api/gitops/knowledge');

    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ name: 'AuthenticationError' });
    expect(responseErrors(ROUTES.knowledge, 401, res.body)).toEqual([]);
  });
});
