import { act, renderHook } from '@testing-library/react';
import { fakeTimersAndVisibility } from './__testUtils__/visibility';
import { usePolling } from './usePolling';

describe('usePolling', () => {
  const setVisibility = fakeTimersAndVisibility();

  function advance(ms: number) {
    act(() => {
      jest.advanceTimersByTime(ms);
    });
  }

  it('calls back every interval while the page is visible', () => {
    const callback = jest.fn();
    renderHook(() => usePolling(callback, 1_000));
    advance(999);
    expect(callback).not.toHaveBeenCalled();
    advance(2_001);
    expect(callback).toHaveBeenCalledTimes(3);
  });

  it('pauses while hidden and polls at once on return when a poll fell due', () => {
    const callback = jest.fn();
    renderHook(() => usePolling(callback, 1_000));
    setVisibility('hidden');
    advance(5_000);
    expect(callback).not.toHaveBeenCalled();

    setVisibility('visible');
    expect(callback).toHaveBeenCalledTimes(1);
    // The interval restarts from the return.
    advance(999);
    expect(callback).toHaveBeenCalledTimes(1);
    advance(1);
    expect(callback).toHaveBeenCalledTimes(2);
  });

  it('waits a whole interval after a short absence, without polling at once', () => {
    const callback = jest.fn();
    renderHook(() => usePolling(callback, 1_000));
    advance(400);
    setVisibility('hidden');
    advance(300);
    setVisibility('visible');
    expect(callback).not.toHaveBeenCalled();
    advance(999);
    expect(callback).not.toHaveBeenCalled();
    advance(1);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('calls the latest callback', () => {
    const first = jest.fn();
    const second = jest.fn();
    const { rerender } = renderHook(({ cb }) => usePolling(cb, 1_000), {
      initialProps: { cb: first },
    });
    rerender({ cb: second });
    advance(1_000);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('never calls back without an interval', () => {
    const callback = jest.fn();
    renderHook(() => usePolling(callback, undefined));
    advance(60_000);
    setVisibility('hidden');
    setVisibility('visible');
    expect(callback).not.toHaveBeenCalled();
  });
});
