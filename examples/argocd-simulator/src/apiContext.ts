import type { IncomingMessage } from 'node:http';
import type { InstanceStore } from './instanceStore';
import type { OperationRunner } from './operations/operationRunner';
import type { Account, SessionStore } from './sessions';
import type { SimulatorOptions } from './types';
import type { WatchQuery } from './watch/watchQuery';

/** What the routes of one instance work with. */
export interface ApiContext {
  instance: InstanceStore;
  sessions: SessionStore;
  missingAppWithoutProject: NonNullable<
    SimulatorOptions['missingAppWithoutProject']
  >;
  /** The simulated application controller, which runs the operations syncs and rollbacks request. */
  operations: OperationRunner;
}

export interface ApiRequest {
  req: IncomingMessage;
  method: string;
  /** Path below the instance prefix. */
  path: string;
  query: URLSearchParams;
  readBody(): Promise<string>;
  /** Who sends it; set once the route has authenticated the request (not on anonymous routes). */
  account?: Account;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  /** The body already serialized, when it is cheaper to build as text. */
  json?: string;
  /** Set for a watch: the answer is a stream of this query's events, not `body`. */
  watch?: WatchQuery;
}

export const ok = (body: unknown): ApiAnswer => ({ status: 200, body });
