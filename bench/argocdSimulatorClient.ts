import type {
  FaultSpec,
  RecordedRequest,
} from '@gitops-guide/argocd-simulator';
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { SimulatorReady } from './argocdSimulatorProcess';
import { APPLICATIONS, HISTORY_LENGTH } from './argocdStatusWorkload';

/**
 * The bench's side of the Argo CD simulator: starting and stopping its
 * process, steering it through `/_sim/...`, and counting the upstream calls
 * it recorded.
 */

export interface SimulatorHandle extends SimulatorReady {
  child: ChildProcess;
}

/** Generated load data; the Argo CD status bench's workload unless given. */
export interface SimulatorWorkload {
  applications: number;
  historyLength: number;
}

export async function startSimulatorProcess(
  workload: SimulatorWorkload = {
    applications: APPLICATIONS,
    historyLength: HISTORY_LENGTH,
  },
): Promise<SimulatorHandle> {
  const child = fork(path.join(__dirname, 'argocdSimulatorProcess.ts'), [], {
    env: {
      ...process.env,
      BENCH_APPLICATIONS: String(workload.applications),
      BENCH_HISTORY_LENGTH: String(workload.historyLength),
    },
  });
  const ready = await new Promise<SimulatorReady>((resolve, reject) => {
    child.once('message', message => resolve(message as SimulatorReady));
    child.once('error', reject);
    child.once('exit', code =>
      reject(new Error(`The simulator exited with code ${code}`)),
    );
  });
  child.removeAllListeners('exit');
  return { ...ready, child };
}

export async function stopSimulatorProcess(
  handle: SimulatorHandle,
): Promise<void> {
  const exited = new Promise(resolve => handle.child.once('exit', resolve));
  handle.child.disconnect();
  await exited;
}

export class SimulatorControl {
  constructor(private readonly url: string) {}

  async reset(): Promise<void> {
    await this.#call('DELETE', '/requests');
  }

  async requests(): Promise<RecordedRequest[]> {
    return (await this.#call('GET', '/requests')).json();
  }

  async setLatency(ms: number): Promise<void> {
    await this.#call('POST', '/latency', { ms });
  }

  /** Replaces the instance's fault (`POST /_sim/faults/<instance>`). */
  async setFault(instance: string, fault: FaultSpec): Promise<void> {
    await this.#call('POST', `/faults/${encodeURIComponent(instance)}`, fault);
  }

  async clearFault(instance: string): Promise<void> {
    await this.#call('DELETE', `/faults/${encodeURIComponent(instance)}`);
  }

  /** Requests per `METHOD path`, per instance, since the last reset. */
  async requestCounts(
    instance?: string,
  ): Promise<Record<string, Record<string, number>>> {
    const query = instance ? `?instance=${encodeURIComponent(instance)}` : '';
    return (await this.#call('GET', `/requests/counts${query}`)).json();
  }

  /** Changes an app's health or sync status as Argo CD's controller would (`POST /_sim/applications/...`). */
  async setApplicationStatus(
    instance: string,
    name: string,
    change: {
      health?: { status: string; message?: string };
      sync?: { status: string };
    },
  ): Promise<void> {
    await this.#call(
      'POST',
      `/applications/${encodeURIComponent(instance)}/${encodeURIComponent(
        name,
      )}`,
      change,
    );
  }

  /** Cuts the open watch streams, as a load balancer ending long requests does. */
  async dropStreams(instance?: string): Promise<number> {
    const query = instance ? `?instance=${encodeURIComponent(instance)}` : '';
    return (await (await this.#call('POST', `/streams/drop${query}`)).json())
      .dropped;
  }

  async #call(method: string, route: string, body?: unknown) {
    const res = await fetch(`${this.url}/_sim${route}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) {
      throw new Error(`Simulator control ${method} ${route}: ${res.status}`);
    }
    return res;
  }
}

export interface UpstreamCount {
  total: number;
  byInstance: Record<string, number>;
  list: number;
  application: number;
  resourceTree: number;
  metadata: number;
  other: number;
}

export function countUpstream(requests: RecordedRequest[]): UpstreamCount {
  const count: UpstreamCount = {
    total: requests.length,
    byInstance: {},
    list: 0,
    application: 0,
    resourceTree: 0,
    metadata: 0,
    other: 0,
  };
  for (const request of requests) {
    count.byInstance[request.instance] =
      (count.byInstance[request.instance] ?? 0) + 1;
    if (request.path === '/api/v1/applications') count.list += 1;
    else if (/^\/api\/v1\/applications\/[^/]+$/.test(request.path)) {
      count.application += 1;
    } else if (request.path.endsWith('/resource-tree')) {
      count.resourceTree += 1;
    } else if (request.path.endsWith('/metadata')) count.metadata += 1;
    else count.other += 1;
  }
  return count;
}

export const nonMetadata = (count: UpstreamCount) =>
  count.total - count.metadata;

/** Exactly `n` calls to each instance, and none elsewhere. */
export const isPerInstance = (
  count: UpstreamCount,
  instances: string[],
  n: number,
) =>
  count.total === n * instances.length &&
  instances.every(name => count.byInstance[name] === n);

export function describeInstances(count: UpstreamCount): string {
  const entries = Object.entries(count.byInstance).sort();
  return entries.length
    ? entries.map(([name, n]) => `${name} ${n}`).join(', ')
    : 'none';
}

export function describeDetail(count: UpstreamCount): string {
  return `list ${count.list}, app ${count.application}, tree ${count.resourceTree} + metadata ${count.metadata}`;
}
