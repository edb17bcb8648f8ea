import { act, renderHook } from '@testing-library/react';
import { ApplicationDetail } from '@gitops-guide/backstage-plugin-gitops-common';
import { fakeTimersAndVisibility } from '../../shared/__testUtils__/visibility';
import { manualProd, podinfo, rollbackResponse } from './__testUtils__/actions';
import {
  FOLLOW_CAP_MS,
  FOLLOW_INTERVAL_MS,
  useFollowOperation,
} from './useFollowOperation';

const STARTED = '2024-05-01T10:00:00Z';

describe('useFollowOperation', () => {
  const setVisibility = fakeTimersAndVisibility();

  function setup(initial: ApplicationDetail) {
    const reload = jest.fn();
    const onEnd = jest.fn();
    const hook = renderHook(
      (props: { detail: ApplicationDetail; loading: boolean }) =>
        useFollowOperation({ ...props, reload, onEnd }),
      { initialProps: { detail: initial, loading: false } },
    );
    const show = (detail: ApplicationDetail, loading = false) =>
      hook.rerender({ detail, loading });
    return { hook, reload, onEnd, show };
  }

  async function advance(ms: number) {
    await act(async () => {
      await jest.advanceTimersByTimeAsync(ms);
    });
  }

  const before = manualProd({
    operation: { phase: 'Succeeded', startedAt: '2024-05-01T09:00:00Z' },
  });
  const running = manualProd({
    operation: { phase: 'Running', startedAt: STARTED },
  });
  const succeeded = manualProd({
    operation: {
      phase: 'Succeeded',
      startedAt: STARTED,
      message: 'successfully synced (all tasks run)',
    },
  });

  it('reads the detail every 2 s until the operation it started ends, then lets the applications reload once', async () => {
    const { hook, reload, onEnd, show } = setup(before);

    let id: number | undefined;
    act(() => {
      id = hook.result.current.start(
        { action: 'rollback', id: 6, prune: false, dryRun: false },
        rollbackResponse(),
      );
    });
    expect(id).toBe(1);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(hook.result.current.running).toBe(true);
    expect(hook.result.current.followed).toMatchObject({
      id: 1,
      action: 'rollback',
      dryRun: false,
    });

    await advance(FOLLOW_INTERVAL_MS);
    expect(reload).toHaveBeenCalledTimes(2);
    // A fresh detail that does not show the new operation yet.
    show({ ...before });
    await advance(FOLLOW_INTERVAL_MS);
    show(running);
    expect(hook.result.current.running).toBe(true);
    expect(
      hook.result.current.now - hook.result.current.followed!.startedAtMs,
    ).toBe(2 * FOLLOW_INTERVAL_MS);

    show(succeeded);
    expect(hook.result.current.running).toBe(false);
    expect(hook.result.current.followed?.end).toEqual({
      kind: 'operation',
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
    });
    expect(onEnd).toHaveBeenCalledTimes(1);

    const reloads = reload.mock.calls.length;
    await advance(10 * FOLLOW_INTERVAL_MS);
    expect(reload).toHaveBeenCalledTimes(reloads);
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('does not read again while a request is in flight, nor while the page is hidden', async () => {
    const { hook, reload, show } = setup(before);
    act(() => {
      hook.result.current.start(
        { action: 'sync', dryRun: false },
        rollbackResponse({ action: 'sync' }),
      );
    });
    show(before, true);
    await advance(3 * FOLLOW_INTERVAL_MS);
    expect(reload).toHaveBeenCalledTimes(1);

    show(running, false);
    setVisibility('hidden');
    await advance(3 * FOLLOW_INTERVAL_MS);
    expect(reload).toHaveBeenCalledTimes(1);
    setVisibility('visible');
    await advance(0);
    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('waits for a new operation when the answer did not say when it started', () => {
    const { hook, onEnd, show } = setup(before);
    act(() => {
      hook.result.current.start(
        { action: 'sync' },
        rollbackResponse({
          follow: {
            operation: { phase: 'Running', message: 'waiting to start' },
          },
        }),
      );
    });
    // Argo CD has not started it yet: the detail still shows the last one.
    show({ ...before });
    expect(hook.result.current.running).toBe(true);
    show(succeeded);
    expect(hook.result.current.running).toBe(false);
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('never takes the detail shown when the action answered for its end', () => {
    // Nothing tells this finished operation from the new one but its age.
    const unknown = manualProd({ operation: { phase: 'Succeeded' } });
    const { hook, show } = setup(unknown);
    act(() => {
      hook.result.current.start(
        { action: 'sync' },
        rollbackResponse({ follow: { operation: { phase: 'Running' } } }),
      );
    });
    show(unknown);
    expect(hook.result.current.running).toBe(true);
    show(succeeded);
    expect(hook.result.current.running).toBe(false);
  });

  it('follows a Flux reconcile until the controller handled it, and a suspend until it shows', () => {
    const { hook, show } = setup(podinfo());
    act(() => {
      hook.result.current.start(
        { action: 'reconcile' },
        rollbackResponse({
          action: 'reconcile',
          follow: { reconcileRequestedAt: 'token-2' },
        }),
      );
    });
    show(podinfo({ reconcile: { requestedAt: 'token-2', handledAt: 'x' } }));
    expect(hook.result.current.running).toBe(true);
    show(
      podinfo({ reconcile: { requestedAt: 'token-2', handledAt: 'token-2' } }),
    );
    expect(hook.result.current.followed?.end).toEqual({
      kind: 'reconcile',
      health: 'Healthy',
      message: undefined,
    });

    act(() => {
      hook.result.current.start(
        { action: 'suspend' },
        rollbackResponse({ action: 'suspend', follow: undefined }),
      );
    });
    expect(hook.result.current.followed).toMatchObject({
      id: 2,
      action: 'suspend',
    });
    expect(hook.result.current.followed?.end).toBeUndefined();
    show(podinfo({ suspended: true }));
    expect(hook.result.current.followed?.end).toEqual({
      kind: 'suspend',
      suspended: true,
    });
  });

  it('reads the detail once, and follows nothing, when the action has nothing to wait for', () => {
    const { hook, reload, onEnd } = setup(before);
    let id: number | undefined = 0;
    act(() => {
      id = hook.result.current.start(
        { action: 'refresh' },
        rollbackResponse({ action: 'refresh', follow: undefined }),
      );
    });
    expect(id).toBeUndefined();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(hook.result.current.followed).toBeUndefined();
  });

  it('stops following after 3 minutes, with a note', async () => {
    const { hook, reload, onEnd, show } = setup(before);
    act(() => {
      hook.result.current.start(
        { action: 'rollback', id: 6 },
        rollbackResponse(),
      );
    });
    show(running);
    await advance(FOLLOW_CAP_MS - 1_000);
    expect(hook.result.current.running).toBe(true);
    await advance(1_000);
    expect(hook.result.current.running).toBe(false);
    expect(hook.result.current.followed?.timedOut).toBe(true);
    expect(onEnd).toHaveBeenCalledTimes(1);
    const reloads = reload.mock.calls.length;
    // At once, then every 2 s for 3 minutes.
    expect(reloads).toBe(1 + FOLLOW_CAP_MS / FOLLOW_INTERVAL_MS);
    await advance(60_000);
    expect(reload).toHaveBeenCalledTimes(reloads);
  });
});
