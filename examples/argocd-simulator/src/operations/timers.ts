/**
 * The pending work of the simulated controllers, one timer per key (an app, an object): scheduling a key again
 * replaces its timer, as a controller handles only the latest request for an object. Timers are unref'd, so they
 * never keep a process alive, and {@link KeyedTimers.cancelAll} drops them on reset and close.
 */
export class KeyedTimers {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private waiters: Array<() => void> = [];

  schedule(key: string, delayMs: number, task: () => void): void {
    this.cancel(key);
    const timer = setTimeout(() => {
      this.pending.delete(key);
      try {
        task();
      } finally {
        this.notifyIfIdle();
      }
    }, delayMs);
    timer.unref();
    this.pending.set(key, timer);
  }

  cancel(key: string): void {
    const timer = this.pending.get(key);
    if (timer) {
      clearTimeout(timer);
      this.pending.delete(key);
    }
  }

  cancelAll(): void {
    for (const timer of this.pending.values()) {
      clearTimeout(timer);
    }
    this.pending.clear();
    this.notifyIfIdle();
  }

  /** Resolves once nothing is pending (tasks may schedule follow-ups; those are waited for too). */
  idle(): Promise<void> {
    if (this.pending.size === 0) {
      return Promise.resolve();
    }
    return new Promise(resolve => this.waiters.push(resolve));
  }

  private notifyIfIdle(): void {
    if (this.pending.size > 0) {
      return;
    }
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach(resolve => resolve());
  }
}
