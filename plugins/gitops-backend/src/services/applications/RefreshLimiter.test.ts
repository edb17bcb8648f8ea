import { RefreshLimiter } from './RefreshLimiter';

describe('RefreshLimiter', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows one refresh per key per interval', () => {
    const limiter = new RefreshLimiter({ minIntervalMs: 10_000, now: clock });
    expect(limiter.tryAcquire('a')).toBe(true);
    expect(limiter.tryAcquire('a')).toBe(false);
    expect(limiter.tryAcquire('b')).toBe(true);
    now += 9_999;
    expect(limiter.tryAcquire('a')).toBe(false);
    now += 1;
    expect(limiter.tryAcquire('a')).toBe(true);
    // A declined refresh does not move the window.
    now += 5_000;
    expect(limiter.tryAcquire('a')).toBe(false);
    now += 5_000;
    expect(limiter.tryAcquire('a')).toBe(true);
  });

  it('allows every refresh with an interval of 0', () => {
    const limiter = new RefreshLimiter({ minIntervalMs: 0, now: clock });
    expect([1, 2, 3].map(() => limiter.tryAcquire('a'))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('remembers at most maxKeys keys, forgetting the least recent first', () => {
    const limiter = new RefreshLimiter({
      minIntervalMs: 10_000,
      maxKeys: 2,
      now: clock,
    });
    expect(['a', 'b', 'c'].map(key => limiter.tryAcquire(key))).toEqual([
      true,
      true,
      true,
    ]);
    expect(limiter.tryAcquire('c')).toBe(false);
    expect(limiter.tryAcquire('b')).toBe(false);
    // 'a' was forgotten: its next refresh is allowed.
    expect(limiter.tryAcquire('a')).toBe(true);
  });

  it('lets a followed key refresh every 1.5 s for a while, then falls back to the interval', () => {
    const limiter = new RefreshLimiter({ minIntervalMs: 10_000, now: clock });
    expect(limiter.tryAcquire('a')).toBe(true);
    limiter.follow('a', 60_000);
    // The action's own answer is followed at once.
    expect(limiter.tryAcquire('a')).toBe(true);
    now += 1_499;
    expect(limiter.tryAcquire('a')).toBe(false);
    now += 1;
    expect(limiter.tryAcquire('a')).toBe(true);
    expect(limiter.tryAcquire('b')).toBe(true);
    now += 1_500;
    expect(limiter.tryAcquire('b')).toBe(false);
    now += 60_000;
    expect(limiter.tryAcquire('a')).toBe(true);
    now += 1_500;
    expect(limiter.tryAcquire('a')).toBe(false);
  });
});
