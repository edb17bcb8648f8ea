import { mockCredentials } from '@backstage/backend-test-utils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { startSimulator, type Simulator } from '@gitops-guide/argocd-simulator';
import type {
  GuidanceResponse,
  RollbackState,
} from '@gitops-guide/backstage-plugin-gitops-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse, stringify } from 'yaml';
import { applicationsPath, componentWith } from '../__fixtures__/entities';
import { responseErrors, ROUTES } from '../__testUtils__/openapi';
import { readRuleServices } from '../__testUtils__/readRule';
import {
  loadScenarios,
  SCENARIO_DIR,
  type Scenario,
} from '../__testUtils__/scenarios';
import { startGitOpsBackend } from '../__testUtils__/testBackend';

const scenarios = loadScenarios();
const scenario = (name: string) => scenarios.find(s => s.name === name)!;

/** The rollback state each bundled scenario must get, and why. */
const EXPECTED_STATE: Record<string, RollbackState> = {
  'checkout-web-dev': 'in-progress', // rollout still Progressing after a good sync
  'checkout-web-prod': 'recommended', // automated sync failed in a PreSync hook
  'checkout-web-staging': 'recommended', // manual sync failed: field is immutable
  'inventory-service-dev': 'not-needed',
  'inventory-service-prod': 'not-needed',
  'orders-worker-dev': 'not-needed', // never synced: nothing to go back to
  'orders-worker-prod': 'not-needed',
  'orders-worker-staging': 'not-needed',
  'payments-api-dev': 'not-needed',
  'payments-api-prod': 'recommended', // Degraded after the newest deploy
  'payments-api-staging': 'not-needed', // drift, but nothing failed
};

function withState(state: RollbackState) {
  return scenarios
    .filter(s => EXPECTED_STATE[s.name] === state)
    .map(s => [s.name, s] as const);
}

/** Runbooks about failures: never shown for an application where nothing failed. */
const FAILURE_RUNBOOKS = [
  'runbook-sync-failed',
  'runbook-degraded-after-deploy',
  'runbook-rollback',
];

const ALICE = 'user:default/alice';
const MALLORY = 'user:default/mallory';

function namespaceOf(s: Scenario): string {
  return s.application.metadata.namespace ?? 'argocd';
}

/** How the Argo CD CLI names the application. */
function cliRef(s: Scenario): string {
  const namespace = namespaceOf(s);
  return namespace === 'argocd' ? s.name : `${namespace}/${s.name}`;
}

function guidancePath(s: Scenario, entity = s.name): string {
  const namespace = namespaceOf(s);
  return `${applicationsPath(entity)}/${s.instance}/${s.name}/guidance${
    namespace === 'argocd' ? '' : `?appNamespace=${namespace}`
  }`;
}

const commandsOf = (body: GuidanceResponse) =>
  body.rollback.steps.flatMap(step => step.commands);
const explanationIds = (body: GuidanceResponse) =>
  body.explanations.map(explanation => explanation.id);

/** Both instances with static tokens, so every recorded request is an API call. */
function tokenConfig(sim: Simulator) {
  return {
    gitops: {
      argocd: {
        instances: ['central', 'edge'].map(name => ({
          name,
          url: sim.instanceUrl(name),
          token: sim.token(name),
          watch: false,
        })),
        cacheTtlSeconds: 15,
        timeoutMs: 2000,
      },
    },
  };
}

describe('guidance route against the Argo CD simulator', () => {
  let sim: Simulator;
  let server: Awaited<ReturnType<typeof startGitOpsBackend>>['server'];
  let knowledgeIdCache: Set<string> | undefined;

  /** Ids of every knowledge entry, as the learning page lists them. */
  async function knowledgeIds(): Promise<Set<string>> {
    if (!knowledgeIdCache) {
      const listing = await request(server).get('/api/gitops/knowledge');
      expect(listing.status).toBe(200);
      knowledgeIdCache = new Set(listing.body.results.map((r: any) => r.id));
    }
    return knowledgeIdCache;
  }

  /** Only Alice may read this one. */
  const secretService = componentWith('secret-service', {
    'argocd/app-name': 'payments-api-prod',
  });

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    const entities: Entity[] = [
      ...scenarios.map(s =>
        componentWith(s.name, { 'argocd/app-name': s.name }),
      ),
      secretService,
      componentWith('payments-api', {
        'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
      }),
    ];
    // However the plugin asks for the entity, only Alice may read it.
    const [catalog, permissions] = readRuleServices(
      entities,
      (entityRef, user) =>
        user === ALICE || entityRef !== stringifyEntityRef(secretService),
    );
    ({ server } = await startGitOpsBackend({
      config: tokenConfig(sim),
      catalog,
      features: [permissions],
    }));
  });

  beforeEach(() => {
    sim.resetRequests();
  });

  afterAll(async () => {
    await sim.close();
  });

  /** The guidance of a bundled scenario, checked against the OpenAPI document. */
  async function guidanceOf(name: string): Promise<GuidanceResponse> {
    const res = await request(server).get(guidancePath(scenario(name)));
    expect(res.status).toBe(200);
    expect(responseErrors(ROUTES.guidance, 200, res.body)).toEqual([]);
    return res.body;
  }

  it('has an expected state for every bundled scenario', () => {
    expect(Object.keys(EXPECTED_STATE).sort()).toEqual(
      scenarios.map(s => s.name).sort(),
    );
  });

  describe.each(scenarios.map(s => [s.name, s] as const))('%s', (name, s) => {
    it('gets a documented answer in the expected state', async () => {
      const body = await guidanceOf(name);
      const status = s.application.status;

      expect(body.rollback.state).toBe(EXPECTED_STATE[name]);
      expect(body.signals).toEqual(
        expect.arrayContaining([
          `sync:${status.sync.status}`,
          `health:${status.health.status}`,
        ]),
      );
      expect(body.signals.includes('history:rollback-candidate')).toBe(
        body.rollback.state === 'recommended',
      );

      // Explanations only where a signal calls for one: none when all is well.
      const phase = s.application.status.operationState?.phase;
      const allWell =
        status.sync.status === 'Synced' &&
        status.health.status === 'Healthy' &&
        phase !== 'Failed' &&
        phase !== 'Error';
      expect(body.explanations.length > 0).toBe(!allWell);
      // Every explanation opens an entry of the learning page.
      const ids = await knowledgeIds();
      expect(explanationIds(body).filter(id => !ids.has(id))).toEqual([]);
      expect(body.explanations.filter(e => e.why.trim() === '')).toEqual([]);

      // Every Argo CD command names this application the way the CLI needs.
      const refs = commandsOf(body).flatMap(
        command => /^argocd app [a-z-]+ (\S+)/.exec(command)?.[1] ?? [],
      );
      expect(refs.filter(ref => ref !== cliRef(s))).toEqual([]);
    });
  });

  describe.each(withState('recommended'))('%s', (name, s) => {
    it('names a suspect and an earlier, different known-good revision to roll back to', async () => {
      const body = await guidanceOf(name);
      const { rollback } = body;
      const historyIds = s.application.status.history.map(
        (entry: any) => entry.id,
      );

      expect(rollback.suspect).toEqual(
        expect.objectContaining({ revision: expect.any(String) }),
      );
      expect(rollback.knownGood).toEqual(
        expect.objectContaining({ id: expect.any(Number) }),
      );
      expect(rollback.knownGood!.revision).not.toBe(rollback.suspect!.revision);
      expect(historyIds).toContain(rollback.knownGood!.id);
      expect(commandsOf(body)).toContain(
        `argocd app rollback ${cliRef(s)} ${rollback.knownGood!.id}`,
      );
      expect(rollback.warnings).toContainEqual(
        expect.stringContaining('Database migrations'),
      );
    });
  });

  describe.each([
    ...withState('not-needed'),
    ...withState('in-progress'),
    ...withState('unknown'),
  ])('%s', (name, s) => {
    it('changes nothing and shows no failure runbook', async () => {
      const body = await guidanceOf(name);
      expect(
        explanationIds(body).filter(id => FAILURE_RUNBOOKS.includes(id)),
      ).toEqual([]);
      expect(body.rollback).toMatchObject({
        suspect: null,
        knownGood: null,
        warnings: [],
      });
      expect(commandsOf(body).join('\n')).not.toMatch(
        /argocd app (rollback|set)|git (revert|push)/,
      );
      expect(body.rollback.steps.length).toBe(
        EXPECTED_STATE[s.name] === 'not-needed' ? 0 : 1,
      );
    });
  });

  it('checkout-web-staging: ranks the sync-failed runbook first and names the immutable field', async () => {
    const body = await guidanceOf('checkout-web-staging');

    expect(body.signals).toEqual(
      expect.arrayContaining([
        'sync:OutOfSync',
        'operation:Failed',
        'message:field is immutable',
        'autoSync:disabled',
      ]),
    );
    expect(body.explanations[0]).toMatchObject({
      id: 'runbook-sync-failed',
      kind: 'runbook',
      why: 'the last sync failed: field is immutable on Deployment checkout-web',
    });

    // The failed sync never reached history: the suspect is the operation's revision.
    expect(body.rollback).toMatchObject({
      state: 'recommended',
      suspect: {
        id: -1,
        revision: '0fa5370949092cd459d143d5e90d0d4b6d0a3e63',
        origin: 'operation',
      },
      knownGood: {
        id: 32,
        revision: 'd9e88c8ea4c9d8f313784be513b8b27c1c2e79f8',
        origin: 'history',
        author: 'Kwame Mensah <kwame.mensah@acme.example>',
      },
    });
    expect(commandsOf(body)).toEqual(
      expect.arrayContaining([
        'git revert --no-edit 0fa5370949092cd459d143d5e90d0d4b6d0a3e63',
        'argocd app rollback checkout-web-staging 32',
      ]),
    );
    expect(commandsOf(body).join('\n')).not.toContain('--sync-policy');
    expect(body.rollback.warnings).toContain(
      'The failed sync to 0fa5370 never reached history (history records successful syncs only): the cluster may be partly at 0fa5370.',
    );
  });

  it('payments-api-staging: explains drift and self-heal, and needs no rollback', async () => {
    const body = await guidanceOf('payments-api-staging');

    expect(body.signals).toEqual(
      expect.arrayContaining([
        'sync:OutOfSync',
        'health:Healthy',
        'autoSync:enabled',
        'selfHeal:disabled',
      ]),
    );
    const top = explanationIds(body).slice(0, 3);
    expect(top).toEqual(
      expect.arrayContaining(['runbook-config-drift', 'sync-policies']),
    );
    expect(body.explanations[0]).toMatchObject({
      id: 'runbook-config-drift',
      why: 'the live state differs from Git: sync status is OutOfSync against a9a6cab',
    });
    expect(explanationIds(body)).not.toContain('runbook-healthy-but-broken');
    expect(body.rollback.state).toBe('not-needed');
  });

  it('checkout-web-prod: turns automated sync off before the Argo CD rollback, and back on after the revert', async () => {
    const body = await guidanceOf('checkout-web-prod');

    expect(body.signals).toEqual(
      expect.arrayContaining([
        'operation:Failed',
        'condition:SyncError',
        'autoSync:enabled',
        'message:hook failed',
      ]),
    );
    expect(body.explanations[0]).toMatchObject({
      id: 'runbook-sync-failed',
      why: 'the last sync failed: PreSync hook Job db-migrate failed (Job has reached the specified backoff limit)',
    });
    expect(explanationIds(body)).toContain('database-migrations');

    const { rollback } = body;
    expect(rollback).toMatchObject({
      state: 'recommended',
      suspect: {
        id: -1,
        revision: '51e5f5bb7404cc8a67af123288e4bf442cdf466c',
        origin: 'operation',
      },
      knownGood: { id: 51 },
    });
    expect(rollback.warnings[0]).toBe(
      'Automated sync is enabled with self-heal: Argo CD refuses "argocd app rollback" until it is switched off, and re-enabling it before Git is reverted redeploys the suspect revision.',
    );
    expect(rollback.warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Auto-prune is on'),
        expect.stringContaining('Database migrations'),
      ]),
    );

    const commands = commandsOf(body);
    const off = commands.indexOf(
      'argocd app set checkout-web-prod --sync-policy none',
    );
    const rollbackAt = commands.indexOf(
      'argocd app rollback checkout-web-prod 51',
    );
    const on = commands.indexOf(
      'argocd app set checkout-web-prod --sync-policy automated --self-heal --auto-prune',
    );
    expect(off).toBeGreaterThanOrEqual(0);
    expect(off).toBeLessThan(rollbackAt);
    expect(rollbackAt).toBeLessThan(on);
    expect(rollback.steps[0].title).toBe('Preferred: revert 51e5f5b in Git');
  });

  it('payments-api-prod: recommends going back to the newest different revision, with commit metadata', async () => {
    const body = await guidanceOf('payments-api-prod');
    const detail = await request(server).get(
      `${applicationsPath('payments-api-prod')}/central/payments-api-prod`,
    );
    const history: Array<{ id: number; revision: string }> =
      detail.body.history;

    // The scenario repeats a revision (a re-sync), so the rule is not "the previous entry" by accident.
    const revisions = history.map(entry => entry.revision);
    expect(new Set(revisions).size).toBeLessThan(revisions.length);
    const newestDifferent = history.find(
      entry => entry.revision !== history[0].revision,
    )!;

    expect(body.rollback).toMatchObject({
      state: 'recommended',
      reason:
        'Health is Degraded after deploying a9a6cab (history id 45); dadcc6b (history id 44) was deployed before it.',
      suspect: {
        id: 45,
        revision: 'a9a6cab372a7bbf91fdea77fad9305243684945d',
        origin: 'history',
        author: 'Priya Raman <priya.raman@acme.example>',
        message: 'payments-api: bump image to 1.43.0 (ledger v2 client)',
      },
      knownGood: {
        id: newestDifferent.id,
        revision: newestDifferent.revision,
        author: 'Lena Vogel <lena.vogel@acme.example>',
      },
    });
    expect(body.rollback.knownGood!.id).toBe(44);
    expect(body.rollback.steps.map(step => step.title)).toEqual([
      'Preferred: revert a9a6cab in Git',
      'Fast path: roll back to history id 44 in Argo CD',
      'Alternative: pin targetRevision to dadcc6b',
    ]);
    expect(commandsOf(body)).toEqual(
      expect.arrayContaining([
        'git revert --no-edit a9a6cab372a7bbf91fdea77fad9305243684945d',
        'argocd app rollback payments-api-prod 44',
      ]),
    );
    expect(commandsOf(body).join('\n')).not.toContain('--sync-policy');
    expect(body.rollback.steps[0].note).toContain(
      'Suspect: a9a6cab (history id 45) by Priya Raman <priya.raman@acme.example>: "payments-api: bump image to 1.43.0 (ledger v2 client)"',
    );
    expect(body.rollback.warnings).toEqual([
      expect.stringContaining('Database migrations'),
    ]);
    expect(body.explanations[0]).toMatchObject({
      id: 'runbook-degraded-after-deploy',
      why: 'a Degraded resource reports: CrashLoopBackOff on Pod payments-api-69f7b8d5c8-4kx2p',
    });
    expect(explanationIds(body)).toContain('runbook-rollback');
  });

  it('orders-worker-staging: a healthy multi-source Helm application needs nothing', async () => {
    const body = await guidanceOf('orders-worker-staging');
    expect(body.signals).toEqual(
      expect.arrayContaining(['source:multi', 'source:helm']),
    );
    expect(body.rollback.state).toBe('not-needed');
    // Being a Helm application is context, not a problem to explain.
    expect(body.explanations).toEqual([]);
  });

  it.each(['inventory-service-dev', 'inventory-service-prod'])(
    '%s: a healthy Helm chart application needs nothing',
    async name => {
      const body = await guidanceOf(name);
      expect(body.signals).toContain('source:helm');
      expect(body.rollback).toMatchObject({ state: 'not-needed', steps: [] });
      expect(body.explanations).toEqual([]);
    },
  );

  it('checkout-web-dev: waits for the rollout instead of judging it', async () => {
    const body = await guidanceOf('checkout-web-dev');
    expect(body.rollback).toMatchObject({
      state: 'in-progress',
      reason:
        'Health is Progressing at 51e5f5b: the last deploy has not settled yet; wait for it to turn Healthy or Degraded before deciding on a rollback.',
      suspect: null,
      knownGood: null,
    });
    expect(commandsOf(body)).toEqual([
      'argocd app wait checkout-web-dev --health --timeout 900',
    ]);
    expect(body.explanations[0].id).toBe('runbook-progressing-stuck');
  });

  it('orders-worker-dev: explains missing resources of an application that was never synced', async () => {
    const body = await guidanceOf('orders-worker-dev');
    expect(body.signals).toEqual(
      expect.arrayContaining(['sync:OutOfSync', 'health:Missing']),
    );
    expect(body.explanations[0]).toMatchObject({
      id: 'runbook-missing-resources',
      why: 'health is Missing (ConfigMap orders-worker-config is Missing)',
    });
    expect(body.rollback).toMatchObject({
      state: 'not-needed',
      reason:
        'Nothing to roll back: the application has never been synced (sync status is OutOfSync, health is Missing).',
    });
  });

  it.each(['payments-api-dev', 'orders-worker-prod'])(
    '%s: healthy, no rollback and nothing to explain',
    async name => {
      const body = await guidanceOf(name);
      expect(body.rollback).toEqual({
        state: 'not-needed',
        reason: expect.stringMatching(
          /^The application is Synced and Healthy at \w{7} and the last sync did not fail\.$/,
        ),
        suspect: null,
        knownGood: null,
        steps: [],
        warnings: [],
      });
      expect(body.explanations).toEqual([]);
    },
  );

  it('reads Argo CD no more than the detail does: the tab loads both for the cost of one', async () => {
    const s = scenario('payments-api-prod');
    const fresh = await startGitOpsBackend({
      config: tokenConfig(sim),
      entities: [componentWith(s.name, { 'argocd/app-name': s.name })],
    });
    sim.resetRequests();
    const detail = await request(fresh.server).get(
      `${applicationsPath(s.name)}/central/${s.name}`,
    );
    expect(detail.status).toBe(200);
    const afterDetail = sim.requests.length;
    expect(afterDetail).toBeGreaterThan(0);

    const guidance = await request(fresh.server).get(guidancePath(s));
    expect(guidance.status).toBe(200);
    expect(guidance.body.rollback.state).toBe('recommended');
    expect(sim.requests.length).toBe(afterDetail);
  });

  it('answers the detail with its guidance in one request (include=guidance)', async () => {
    const s = scenario('payments-api-prod');
    const fresh = await startGitOpsBackend({
      config: tokenConfig(sim),
      entities: [componentWith(s.name, { 'argocd/app-name': s.name })],
    });
    const detailPath = `${applicationsPath(s.name)}/central/${s.name}`;
    const combined = await request(fresh.server).get(
      `${detailPath}?include=guidance`,
    );
    expect(combined.status).toBe(200);
    expect(responseErrors(ROUTES.application, 200, combined.body)).toEqual([]);

    const { guidance, ...detail } = combined.body;
    const [plain, separate] = await Promise.all([
      request(fresh.server).get(detailPath),
      request(fresh.server).get(guidancePath(s)),
    ]);
    expect(detail).toEqual(plain.body);
    expect(guidance).toEqual(separate.body);
    expect(guidance.rollback.state).toBe('recommended');
    expect(plain.body).not.toHaveProperty('guidance');

    const unknown = await request(fresh.server).get(
      `${detailPath}?include=everything`,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(
      "Invalid query parameter include: must be 'guidance'",
    );
  });

  describe('access', () => {
    it('answers 404 for an entity the caller cannot read, exactly like a missing one, without calling Argo CD', async () => {
      const s = scenario('payments-api-prod');
      const hidden = await request(server)
        .get(guidancePath(s, 'secret-service'))
        .set('authorization', mockCredentials.user.header(MALLORY));
      const missing = await request(server)
        .get(guidancePath(s, 'no-such-service'))
        .set('authorization', mockCredentials.user.header(MALLORY));

      expect(hidden.status).toBe(404);
      expect(responseErrors(ROUTES.guidance, 404, hidden.body)).toEqual([]);
      expect(hidden.body.error).toEqual({
        name: 'NotFoundError',
        message: "No entity found for ref 'component:default/secret-service'",
      });
      expect(missing.status).toBe(404);
      expect(missing.body.error).toEqual({
        name: 'NotFoundError',
        message: "No entity found for ref 'component:default/no-such-service'",
      });
      expect(sim.requests).toEqual([]);

      const allowed = await request(server)
        .get(guidancePath(s, 'secret-service'))
        .set('authorization', mockCredentials.user.header(ALICE));
      expect(allowed.status).toBe(200);
      expect(allowed.body.rollback.state).toBe('recommended');
    });

    it('answers 404 for an application the entity does not select, without calling Argo CD', async () => {
      const res = await request(server).get(
        guidancePath(scenario('checkout-web-prod'), 'payments-api-prod'),
      );
      expect(res.status).toBe(404);
      expect(responseErrors(ROUTES.guidance, 404, res.body)).toEqual([]);
      expect(res.body.error.name).toBe('NotFoundError');
      expect(sim.requests).toEqual([]);
    });

    it('checks selector membership with the list only, never a detail call', async () => {
      const res = await request(server).get(
        guidancePath(scenario('checkout-web-prod'), 'payments-api'),
      );
      expect(res.status).toBe(404);
      expect(
        sim.requests.map(r => `${r.instance} ${r.method} ${r.path}`),
      ).toEqual(['central GET /api/v1/applications']);
      expect(sim.requests[0].query).toEqual({
        selector: 'app.kubernetes.io/part-of=payments-api',
      });
    });

    it('rejects bad input with a 400 naming the value, before any upstream call', async () => {
      const res = await request(server).get(
        `${applicationsPath(
          'payments-api-prod',
        )}/central/payments-api-prod/guidance?appNamespace=..%2Fargocd`,
      );
      expect(res.status).toBe(400);
      expect(responseErrors(ROUTES.guidance, 400, res.body)).toEqual([]);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining('appNamespace'),
      });
      expect(sim.requests).toEqual([]);
    });

    it('rejects unauthenticated callers', async () => {
      const res = await request(server)
        .get(guidancePath(scenario('payments-api-prod')))
        .set('authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
      expect(responseErrors(ROUTES.guidance, 401, res.body)).toEqual([]);
      expect(sim.requests).toEqual([]);
    });
  });
});

/**
 * The bundled multi-source and Helm scenarios are healthy, so their plans
 * have no steps. These copies break them (and re-sync payments-api-prod) to
 * check the recommended plan of each kind of source through the API.
 */
describe('guidance route for broken copies of the scenarios', () => {
  let sim: Simulator;
  let server: Awaited<ReturnType<typeof startGitOpsBackend>>['server'];
  let dir: string;

  const DEGRADED = {
    status: 'Degraded',
    message: 'Deployment has exceeded its progress deadline',
  };

  /** Writes a changed copy of a bundled scenario file into `dir`. */
  function writeCopy(s: Scenario, change: (doc: any) => void) {
    const file = path.join(SCENARIO_DIR, s.instance, `${s.name}.yaml`);
    const doc = parse(fs.readFileSync(file, 'utf8'));
    change(doc);
    fs.mkdirSync(path.join(dir, s.instance), { recursive: true });
    fs.writeFileSync(
      path.join(dir, s.instance, `${s.name}.yaml`),
      stringify(doc, { aliasDuplicateObjects: false }),
    );
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-guidance-'));
    for (const name of [
      'orders-worker-staging',
      'inventory-service-prod',
      'inventory-service-dev',
    ]) {
      writeCopy(scenario(name), doc => {
        doc.application.status.health = DEGRADED;
      });
    }
    // Someone re-synced the bad revision hoping it would help: history now
    // ends with two entries of a9a6cab, and the known-good must skip both.
    writeCopy(scenario('payments-api-prod'), doc => {
      const history = doc.application.status.history;
      const newest = history[history.length - 1];
      history.push({
        ...newest,
        id: newest.id + 1,
        deployStartedAt: '2026-11-24T08:00:00Z',
        deployedAt: '2026-11-24T08:00:09Z',
      });
    });

    sim = await startSimulator({ port: 0, scenarioDir: dir });
    ({ server } = await startGitOpsBackend({
      config: tokenConfig(sim),
      entities: scenarios.map(s =>
        componentWith(s.name, { 'argocd/app-name': s.name }),
      ),
    }));
  });

  afterAll(async () => {
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function guidanceOf(name: string): Promise<GuidanceResponse> {
    const res = await request(server).get(guidancePath(scenario(name)));
    expect(res.status).toBe(200);
    expect(responseErrors(ROUTES.guidance, 200, res.body)).toEqual([]);
    return res.body;
  }

  it('payments-api-prod re-synced: the suspect is the newest entry, the known-good skips the re-sync', async () => {
    const body = await guidanceOf('payments-api-prod');
    expect(body.rollback).toMatchObject({
      state: 'recommended',
      suspect: {
        id: 46,
        revision: 'a9a6cab372a7bbf91fdea77fad9305243684945d',
        author: 'Priya Raman <priya.raman@acme.example>',
      },
      knownGood: {
        id: 44,
        revision: 'dadcc6b4ca697754255deddf17dcca4b5dc97a2f',
      },
    });
    expect(commandsOf(body)).toContain(
      'argocd app rollback payments-api-prod 44',
    );
  });

  it('orders-worker-staging (multi-source, apps in any namespace): reverts the values repository, warns about per-source revisions', async () => {
    const body = await guidanceOf('orders-worker-staging');
    const { rollback } = body;

    expect(rollback).toMatchObject({
      state: 'recommended',
      suspect: {
        id: 15,
        revisions: ['3.2.0', 'f3911ab724ccc277cdeb2a0dcae7abb33133c5b1'],
      },
      knownGood: {
        id: 14,
        revisions: ['3.2.0', '3f2a5f76e5f4d6ab035307054837d109bae401dc'],
      },
    });
    expect(rollback.warnings).toContain(
      'This application has 2 sources: history records one revision per source, and "argocd app rollback" restores all of them to history id 14 (multi-source rollback needs Argo CD 2.11 or later).',
    );
    expect(rollback.steps.map(step => step.commands)).toEqual([
      [
        '# in a clone of https://github.com/acme/orders-worker-deploy.git',
        'git log --oneline 3f2a5f76e5f4d6ab035307054837d109bae401dc..f3911ab724ccc277cdeb2a0dcae7abb33133c5b1',
        'git revert --no-edit f3911ab724ccc277cdeb2a0dcae7abb33133c5b1',
        'git push',
      ],
      [
        'argocd app set team-orders/orders-worker-staging --sync-policy none',
        'argocd app rollback team-orders/orders-worker-staging 14',
      ],
      [
        'argocd app set team-orders/orders-worker-staging --sync-policy automated --self-heal --auto-prune',
      ],
      [
        'argocd app set team-orders/orders-worker-staging --source-position 2 --revision 3f2a5f76e5f4d6ab035307054837d109bae401dc',
      ],
    ]);
  });

  it.each([
    ['inventory-service-prod', 10, 9, '2.3.2', '2.3.1', false],
    ['inventory-service-dev', 5, 4, '2.4.1', '2.4.0', true],
  ] as const)(
    '%s (Helm chart): sets the chart version back, never a git revert',
    async (name, suspectId, knownGoodId, from, to, autoSync) => {
      const history = scenario(name).application.status.history;
      const byId = new Map<number, string>(
        history.map((entry: any) => [entry.id, entry.revision]),
      );
      // The ids and versions above are the scenario's, not guesses.
      expect([byId.get(suspectId), byId.get(knownGoodId)]).toEqual([from, to]);

      const body = await guidanceOf(name);
      const { rollback } = body;
      expect(rollback).toMatchObject({
        state: 'recommended',
        suspect: { id: suspectId, revision: from },
        knownGood: { id: knownGoodId, revision: to },
      });
      expect(rollback.suspect!.author).toBeUndefined();
      expect(rollback.warnings).toContain(
        `Source inventory-service is a Helm chart (version ${from}): there is no commit to revert; bump the chart version back to ${to}.`,
      );
      expect(rollback.warnings.join('\n')).not.toContain('not a commit SHA');
      expect(rollback.steps[0]).toMatchObject({
        title: 'Preferred: set the chart version back in Git',
        commands: [
          `grep -rn 'targetRevision: ${from}' .`,
          `git commit -am 'Roll back chart inventory-service to ${to}'`,
          'git push',
        ],
      });
      expect(
        commandsOf(body).filter(command => command.startsWith('git revert')),
      ).toEqual([]);
      expect(commandsOf(body)).toContain(
        `argocd app rollback ${name} ${knownGoodId}`,
      );
      expect(
        commandsOf(body).includes(`argocd app set ${name} --sync-policy none`),
      ).toBe(autoSync);
      expect(body.signals).toContain('source:helm');
      expect(explanationIds(body)).toContain('runbook-rollback');
    },
  );
});
