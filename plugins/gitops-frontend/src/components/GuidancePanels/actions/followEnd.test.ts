import { followEnd, followTarget } from './followEnd';
import { manualProd, podinfo, rollbackResponse } from './__testUtils__/actions';

const STARTED = '2024-05-01T10:00:00Z';

describe('followTarget', () => {
  it('follows what the backend names, and the suspension for suspend and resume', () => {
    expect(
      followTarget(
        { action: 'rollback', id: 6 },
        rollbackResponse(),
        manualProd({
          operation: { phase: 'Succeeded', startedAt: '2024-05-01T09:00:00Z' },
        }),
      ),
    ).toEqual({
      kind: 'operation',
      operation: { phase: 'Running', startedAt: STARTED },
      previousStartedAt: '2024-05-01T09:00:00Z',
    });
    expect(
      followTarget(
        { action: 'reconcile' },
        rollbackResponse({ follow: { reconcileRequestedAt: 'token-1' } }),
      ),
    ).toEqual({ kind: 'reconcile', requestedAt: 'token-1' });
    expect(
      followTarget(
        { action: 'resume' },
        rollbackResponse({ follow: undefined }),
      ),
    ).toEqual({ kind: 'suspend', suspended: false });
    // An Argo CD refresh is done when it answers.
    expect(
      followTarget({ action: 'refresh' }, rollbackResponse({ follow: {} })),
    ).toBeUndefined();
  });
});

describe('followEnd', () => {
  const target = {
    kind: 'operation' as const,
    operation: { phase: 'Running' as const, startedAt: STARTED },
  };

  it('waits while the detail shows the previous operation or the followed one running', () => {
    const previous = manualProd({
      operation: {
        phase: 'Succeeded',
        startedAt: '2024-05-01T09:00:00Z',
        finishedAt: '2024-05-01T09:01:00Z',
      },
    });
    expect(followEnd(target, previous)).toBeUndefined();
    expect(followEnd(target, manualProd({ operation: null }))).toBeUndefined();
    for (const phase of ['Running', 'Terminating'] as const) {
      expect(
        followEnd(
          target,
          manualProd({ operation: { phase, startedAt: STARTED } }),
        ),
      ).toBeUndefined();
    }
  });

  it('ends with the phase and message of the followed operation', () => {
    expect(
      followEnd(
        target,
        manualProd({
          operation: {
            phase: 'Failed',
            startedAt: STARTED,
            message: 'one or more objects failed to apply',
          },
        }),
      ),
    ).toEqual({
      kind: 'operation',
      phase: 'Failed',
      message: 'one or more objects failed to apply',
    });
  });

  it('without a start time, waits while the detail shows the operation from before the action', () => {
    const unstarted = {
      kind: 'operation' as const,
      operation: { phase: 'Running' as const, message: 'waiting to start' },
      previousStartedAt: '2024-05-01T09:00:00Z',
    };
    expect(
      followEnd(
        unstarted,
        manualProd({
          operation: { phase: 'Succeeded', startedAt: '2024-05-01T09:00:00Z' },
        }),
      ),
    ).toBeUndefined();
    expect(
      followEnd(
        unstarted,
        manualProd({ operation: { phase: 'Error', startedAt: STARTED } }),
      ),
    ).toEqual({ kind: 'operation', phase: 'Error', message: undefined });
  });

  it('ends when a later operation replaced the followed one', () => {
    expect(
      followEnd(
        target,
        manualProd({
          operation: {
            phase: 'Running',
            startedAt: '2024-05-01T10:00:30Z',
            initiatedBy: 'automated',
          },
        }),
      ),
    ).toEqual({
      kind: 'superseded',
      message:
        'Another operation (started by automated) replaced it before its end could be read; the summary shows the last operation.',
    });
  });

  it('ends a Flux reconcile once the controller handled the request, with the health it left', () => {
    const reconcile = { kind: 'reconcile' as const, requestedAt: 'token-2' };
    expect(
      followEnd(
        reconcile,
        podinfo({
          reconcile: { requestedAt: 'token-2', handledAt: 'token-1' },
        }),
      ),
    ).toBeUndefined();
    expect(
      followEnd(
        reconcile,
        podinfo({
          reconcile: { requestedAt: 'token-2', handledAt: 'token-2' },
          health: { status: 'Degraded', message: 'kustomize build failed' },
        }),
      ),
    ).toEqual({
      kind: 'reconcile',
      health: 'Degraded',
      message: 'kustomize build failed',
    });
  });

  it('ends a suspend or resume once the object says so', () => {
    const suspend = { kind: 'suspend' as const, suspended: true };
    expect(followEnd(suspend, podinfo())).toBeUndefined();
    expect(followEnd(suspend, podinfo({ suspended: true }))).toEqual({
      kind: 'suspend',
      suspended: true,
    });
    expect(followEnd({ kind: 'suspend', suspended: false }, podinfo())).toEqual(
      { kind: 'suspend', suspended: false },
    );
  });
});
