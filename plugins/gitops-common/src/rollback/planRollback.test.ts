import {
  DEGRADED_HEALTH as degraded,
  detail,
  entry,
  sha,
} from '../__testUtils__/builders';
import type { ApplicationDetail, RollbackState } from '../types';
import { assessRollback } from './assessRollback';
import { planRollback } from './planRollback';

const A = sha('a');
const B = sha('b');
const C = sha('c');
const D = sha('d');

interface Case {
  name: string;
  app: ApplicationDetail;
  state: RollbackState;
  suspect: { id: number; revision: string; origin?: string } | null;
  knownGood: { id: number; revision: string } | null;
}

const CASES: Case[] = [
  {
    name: 'healthy and synced',
    app: detail(),
    state: 'not-needed',
    suspect: null,
    knownGood: null,
  },
  {
    name: 'degraded after a deploy with a healthy predecessor',
    app: detail({ health: degraded }),
    state: 'recommended',
    suspect: { id: 2, revision: B, origin: 'history' },
    knownGood: { id: 1, revision: A },
  },
  {
    name: 'several re-syncs of the same revision (known-good skips them)',
    app: detail({
      health: degraded,
      history: [
        entry(5, C),
        entry(4, C),
        entry(3, C),
        entry(2, B),
        entry(1, A),
      ],
    }),
    state: 'recommended',
    suspect: { id: 5, revision: C, origin: 'history' },
    knownGood: { id: 2, revision: B },
  },
  {
    name: 'several failed syncs in a row of a revision that never made history',
    app: detail({
      sync: { status: 'OutOfSync', revision: C },
      operation: {
        phase: 'Failed',
        message: 'one or more objects failed to apply',
        revision: C,
        retryCount: 5,
      },
      history: [entry(1, B)],
    }),
    state: 'recommended',
    suspect: { id: -1, revision: C, origin: 'operation' },
    knownGood: { id: 1, revision: B },
  },
  {
    name: 'a failed re-sync of the newest deployed revision',
    app: detail({
      operation: { phase: 'Failed', message: 'hook failed', revision: B },
    }),
    state: 'recommended',
    suspect: { id: 2, revision: B, origin: 'history' },
    knownGood: { id: 1, revision: A },
  },
  {
    name: 'an Error operation that never made history',
    app: detail({
      operation: { phase: 'Error', message: 'rpc error', revision: D },
    }),
    state: 'recommended',
    suspect: { id: -1, revision: D, origin: 'operation' },
    knownGood: { id: 2, revision: B },
  },
  {
    name: 'auto-sync on',
    app: detail({
      health: degraded,
      autoSync: { enabled: true, prune: true, selfHeal: true },
    }),
    state: 'recommended',
    suspect: { id: 2, revision: B, origin: 'history' },
    knownGood: { id: 1, revision: A },
  },
  {
    name: 'single-entry history',
    app: detail({ health: degraded, history: [entry(1, A)] }),
    state: 'unknown',
    suspect: { id: 1, revision: A, origin: 'history' },
    knownGood: null,
  },
  {
    name: 'empty history',
    app: detail({ health: degraded, history: [] }),
    state: 'unknown',
    suspect: null,
    knownGood: null,
  },
  {
    name: 'in-progress operation',
    app: detail({
      health: degraded,
      operation: {
        phase: 'Running',
        revision: C,
        startedAt: '2024-05-01T10:10:00Z',
      },
    }),
    state: 'in-progress',
    suspect: null,
    knownGood: null,
  },
  {
    name: 'terminating operation',
    app: detail({ operation: { phase: 'Terminating', revision: C } }),
    state: 'in-progress',
    suspect: null,
    knownGood: null,
  },
  {
    name: 'history limit reached',
    app: detail({
      health: degraded,
      historyLimit: 3,
      history: [entry(9, C), entry(8, B), entry(7, A)],
    }),
    state: 'recommended',
    suspect: { id: 9, revision: C, origin: 'history' },
    knownGood: { id: 8, revision: B },
  },
  {
    name: 'history limit reached with only re-syncs left',
    app: detail({
      health: degraded,
      historyLimit: 2,
      history: [entry(9, C), entry(8, C)],
    }),
    state: 'unknown',
    suspect: { id: 9, revision: C, origin: 'history' },
    knownGood: null,
  },
  {
    name: 'OutOfSync but healthy and nothing failed',
    app: detail({ sync: { status: 'OutOfSync', revision: C } }),
    state: 'not-needed',
    suspect: null,
    knownGood: null,
  },
  {
    name: 'several failed syncs in a row after re-syncs (known-good skips the re-syncs too)',
    app: detail({
      operation: {
        phase: 'Failed',
        message: 'one or more synchronization tasks completed unsuccessfully',
        revision: C,
        retryCount: 3,
      },
      history: [entry(5, C), entry(4, C), entry(3, B), entry(1, A)],
    }),
    state: 'recommended',
    suspect: { id: 5, revision: C, origin: 'history' },
    knownGood: { id: 3, revision: B },
  },
  {
    name: 'a failed sync of a new revision after re-syncs of the deployed one',
    app: detail({
      operation: { phase: 'Failed', message: 'hook failed', revision: D },
      history: [entry(5, C), entry(4, C), entry(3, B)],
    }),
    state: 'recommended',
    suspect: { id: -1, revision: D, origin: 'operation' },
    knownGood: { id: 5, revision: C },
  },
  {
    name: 'multi-source: compares every source, skipping entries where only the chart is the same',
    app: detail({
      health: degraded,
      source: undefined,
      sources: [
        {
          repoURL: 'https://charts.example.com',
          chart: 'worker',
          targetRevision: '3.2.0',
        },
        {
          repoURL: 'https://github.com/acme/values.git',
          targetRevision: 'main',
          ref: 'values',
        },
      ],
      history: [
        entry(4, '3.2.0', { revisions: ['3.2.0', C] }),
        entry(3, '3.2.0', { revisions: ['3.2.0', C] }),
        entry(2, '3.2.0', { revisions: ['3.2.0', B] }),
        entry(1, '3.1.0', { revisions: ['3.1.0', B] }),
      ],
    }),
    state: 'recommended',
    suspect: { id: 4, revision: '3.2.0', origin: 'history' },
    knownGood: { id: 2, revision: '3.2.0' },
  },
  {
    name: 'Helm chart source: chart versions are the revisions',
    app: detail({
      health: degraded,
      source: {
        repoURL: 'https://charts.example.com',
        chart: 'inventory-service',
        targetRevision: '2.4.1',
      },
      history: [entry(5, '2.4.1'), entry(4, '2.4.0'), entry(3, '2.3.2')],
    }),
    state: 'recommended',
    suspect: { id: 5, revision: '2.4.1', origin: 'history' },
    knownGood: { id: 4, revision: '2.4.0' },
  },
  {
    name: 'rollout still Progressing after a successful sync',
    app: detail({ health: { status: 'Progressing' } }),
    state: 'in-progress',
    suspect: null,
    knownGood: null,
  },
  {
    name: 'Progressing, but the last sync failed',
    app: detail({
      health: { status: 'Progressing' },
      operation: { phase: 'Failed', message: 'hook failed', revision: C },
    }),
    state: 'recommended',
    suspect: { id: -1, revision: C, origin: 'operation' },
    knownGood: { id: 2, revision: B },
  },
  {
    name: 'never synced',
    app: detail({
      sync: { status: 'OutOfSync', revision: A },
      health: { status: 'Missing' },
      operation: null,
      history: [],
    }),
    state: 'not-needed',
    suspect: null,
    knownGood: null,
  },
  {
    name: 'status Unknown',
    app: detail({
      sync: { status: 'Unknown' },
      health: { status: 'Unknown' },
      operation: null,
    }),
    state: 'unknown',
    suspect: null,
    knownGood: null,
  },
];

describe('planRollback states', () => {
  it.each(CASES.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const plan = planRollback(c.app);
    expect(plan.state).toBe(c.state);
    expect(
      plan.suspect && {
        id: plan.suspect.id,
        revision: plan.suspect.revision,
        origin: plan.suspect.origin,
      },
    ).toEqual(c.suspect);
    expect(
      plan.knownGood && {
        id: plan.knownGood.id,
        revision: plan.knownGood.revision,
      },
    ).toEqual(c.knownGood);
    expect(plan.reason).toEqual(expect.stringMatching(/\.$/));
    // The signal and the plan share one rule.
    expect(assessRollback(c.app).state).toBe(c.state);
  });
});
