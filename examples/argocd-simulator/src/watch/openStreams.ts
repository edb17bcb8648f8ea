import type { ServerResponse } from 'node:http';

/** The watch streams open now, per instance, so tests can wait for a reconnect and benchmarks can cut them. */
export class OpenStreams {
  private readonly open = new Map<ServerResponse, string>();

  add(instance: string, res: ServerResponse): void {
    this.open.set(res, instance);
    res.once('close', () => this.open.delete(res));
  }

  count(instance?: string): number {
    return this.matching(instance).length;
  }

  /** Destroys the connections of the open streams (of one instance): the client sees the body end abruptly. */
  drop(instance?: string): number {
    const dropped = this.matching(instance);
    for (const res of dropped) {
      this.open.delete(res);
      res.destroy();
    }
    return dropped.length;
  }

  private matching(instance: string | undefined): ServerResponse[] {
    return [...this.open]
      .filter(([, name]) => instance === undefined || name === instance)
      .map(([res]) => res);
  }
}
