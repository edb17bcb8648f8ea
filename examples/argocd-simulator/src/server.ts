import { listen } from './listen';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext } from './apiContext';
import {
  deleteApplication,
  putApplication,
  setApplicationStatus,
} from './appChanges';
import { handleArgoApi } from './argoApi';
import { handleControl, type SimulatorControls } from './control';
import { FaultStore, applyFault, sendAnswer, sleep } from './faults';
import { generateInstances } from './generate';
import { CONTROLLER_NAMESPACE, InstanceStore } from './instanceStore';
import { OperationRunner } from './operations/operationRunner';
import { KeyedTimers } from './operations/timers';
import { readBody } from './readBody';
import { RepoCredentialLeaks } from './repoCredentials';
import { countRequests } from './requestCounts';
import { BUNDLED_SCENARIO_DIR, loadScenarioDir } from './scenarios';
import { SessionStore } from './sessions';
import type {
  InstanceData,
  RecordedRequest,
  Simulator,
  SimulatorOptions,
} from './types';
import { OpenStreams } from './watch/openStreams';
import { serveWatch } from './watch/watchStream';
import { operationKey } from './writes/appSubject';

const DEFAULT_SESSION_TTL_SECONDS = 24 * 60 * 60;
const DEFAULT_OPERATION_DURATION_MS = 3000;

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  json = JSON.stringify(body),
): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(json);
}

function queryObject(
  query: URLSearchParams,
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    result[key] = values.length === 1 ? values[0] : values;
  }
  return result;
}

/** What every request of a running simulator shares. */
interface SimulatorState {
  options: SimulatorOptions;
  instances: Map<string, InstanceStore>;
  sessions: SessionStore;
  faults: FaultStore;
  requests: RecordedRequest[];
  latencyMs: number;
  credentialLeaks: RepoCredentialLeaks;
  /** The simulated controller's pending work, dropped on reset and close. */
  timers: KeyedTimers;
  operations: OperationRunner;
  streams: OpenStreams;
}

function sessionStoreFor(
  names: string[],
  options: SimulatorOptions,
): SessionStore {
  return new SessionStore({
    ttlSeconds: options.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS,
    tokens: new Map(
      names.map(n => [n, options.tokens?.[n] ?? `sim-${n}-token`]),
    ),
    passwords: new Map(
      names.map(n => [n, options.passwords?.[n] ?? `${n}-password`]),
    ),
    readOnlyTokens: new Map(
      names.map(n => [
        n,
        options.readOnlyTokens
          ? options.readOnlyTokens[n] ?? []
          : [`sim-${n}-readonly`],
      ]),
    ),
  });
}

/** Adds the request to the log; its status and duration are filled in when the response settles. */
function recordRequest(
  requests: RecordedRequest[],
  instanceName: string,
  path: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): RecordedRequest {
  const started = Date.now();
  const record: RecordedRequest = {
    instance: instanceName,
    method: req.method ?? 'GET',
    path,
    query: queryObject(url.searchParams),
    status: 0,
    at: new Date(started).toISOString(),
    durationMs: 0,
  };
  requests.push(record);
  // Settled once the response is handed to the socket (before the client can have read it), or when the
  // connection closes before that: held (timeout) requests keep status 0, a body cut off or abandoned by the
  // client keeps the status its headers carried.
  const settle = () => {
    record.status = res.headersSent ? res.statusCode : 0;
    record.durationMs = Date.now() - started;
  };
  res.once('finish', settle);
  res.once('close', () => {
    if (!res.writableFinished) {
      settle();
    }
  });
  return record;
}

async function handleInstance(
  state: SimulatorState,
  instanceName: string,
  path: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const instance = state.instances.get(instanceName)!;
  const record = recordRequest(
    state.requests,
    instanceName,
    path,
    url,
    req,
    res,
  );
  if (state.latencyMs > 0) {
    await sleep(state.latencyMs);
  }
  const fault = state.faults.take(instanceName, path);
  if (fault) {
    const outcome = await applyFault(fault, res);
    if (outcome !== 'continue') {
      return;
    }
  }
  const ctx: ApiContext = {
    instance,
    sessions: state.sessions,
    missingAppWithoutProject:
      state.options.missingAppWithoutProject ?? 'permission-denied',
    operations: state.operations,
  };
  const answer = await handleArgoApi(ctx, {
    req,
    method: req.method ?? 'GET',
    path,
    query: url.searchParams,
    readBody: () => readBody(req),
  });
  if (answer.watch) {
    state.streams.add(instanceName, res);
    serveWatch(res, instance, answer.watch, fault);
    // Its status is known now; the record settles (duration) when the stream closes.
    record.status = res.statusCode;
    return;
  }
  await sendAnswer(
    res,
    answer.status,
    answer.json ?? JSON.stringify(answer.body),
    fault,
  );
}

function route(
  state: SimulatorState,
  controls: SimulatorControls,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const [, first = '', ...rest] = url.pathname.split('/');
  const path = `/${rest.join('/')}`;
  if (first === '_sim') {
    return handleControl(controls, path, url.searchParams, req, res, readBody);
  }
  if (state.instances.has(first)) {
    return handleInstance(state, first, path, url, req, res);
  }
  // Go's http.NotFound, as an Argo CD server with a different rootpath would send
  res
    .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    .end('404 page not found\n');
  return Promise.resolve();
}

function instanceOf(state: SimulatorState, name: string): InstanceStore {
  const store = state.instances.get(name);
  if (!store) {
    throw new Error(
      `Unknown instance ${name}; known: ${[...state.instances.keys()].join(
        ', ',
      )}`,
    );
  }
  return store;
}

function controlsOf(state: SimulatorState): SimulatorControls {
  return {
    setFault: (instance, fault) => {
      instanceOf(state, instance);
      state.faults.set(instance, fault);
    },
    getFaults: () => state.faults.all(),
    setLatency: (ms: number) => {
      state.latencyMs = ms;
    },
    expireSessions: () => state.sessions.expireAll(),
    requests: state.requests,
    resetRequests: () => {
      state.requests.length = 0;
    },
    requestCounts: instance => countRequests(state.requests, instance),
    leakRepoCredentials: (instance, leak) =>
      state.credentialLeaks.leak(instanceOf(state, instance), leak),
    clearRepoCredentialLeaks: () => state.credentialLeaks.clear(),
    resetState: () => {
      state.timers.cancelAll();
      state.credentialLeaks.clear();
      for (const store of state.instances.values()) {
        store.reset();
      }
    },
    application: (instance, name, appNamespace) =>
      instanceOf(state, instance).find(
        appNamespace || CONTROLLER_NAMESPACE,
        name,
      )?.application,
    setApplicationStatus: (instance, name, change) =>
      setApplicationStatus(instanceOf(state, instance), name, change),
    putApplication: (instance, application) =>
      putApplication(instanceOf(state, instance), application),
    deleteApplication: (instance, name, appNamespace) => {
      const store = instanceOf(state, instance);
      const deleted = deleteApplication(store, name, appNamespace);
      // The controller forgets what it was doing for the app.
      state.timers.cancel(
        operationKey(store, deleted.metadata.namespace, name),
      );
      return deleted;
    },
    openStreams: instance => {
      if (instance) {
        instanceOf(state, instance);
      }
      return state.streams.count(instance);
    },
    dropStreams: instance => {
      if (instance) {
        instanceOf(state, instance);
      }
      return state.streams.drop(instance);
    },
  };
}

/**
 * Starts an Argo CD API simulator serving every instance under its own path prefix of one port
 * (`/central`, `/edge`, ...), like Argo CD behind a `--rootpath`.
 *
 * @public
 */
export async function startSimulator(
  options: SimulatorOptions = {},
): Promise<Simulator> {
  const data: InstanceData[] = options.generate
    ? generateInstances(options.generate)
    : await loadScenarioDir(options.scenarioDir ?? BUNDLED_SCENARIO_DIR);
  const instances = new Map(data.map(d => [d.name, new InstanceStore(d)]));
  const names = [...instances.keys()];
  const timers = new KeyedTimers();
  const state: SimulatorState = {
    options,
    instances,
    sessions: sessionStoreFor(names, options),
    faults: new FaultStore(),
    requests: [],
    latencyMs: 0,
    credentialLeaks: new RepoCredentialLeaks(),
    timers,
    operations: new OperationRunner(
      timers,
      options.operationDurationMs ?? DEFAULT_OPERATION_DURATION_MS,
    ),
    streams: new OpenStreams(),
  };
  const controls = controlsOf(state);

  const server = createServer((req, res) => {
    route(state, controls, req, res).catch(error => {
      if (!res.headersSent) {
        sendJson(res, 500, {
          error: String(error),
          code: 13,
          message: String(error),
        });
      } else {
        res.destroy();
      }
    });
  });

  const url = await listen(server, options);

  return {
    url,
    instances: names,
    instanceUrl(name: string) {
      if (!instances.has(name)) {
        throw new Error(`Unknown instance ${name}; known: ${names.join(', ')}`);
      }
      return `${url}/${name}`;
    },
    token: (name: string) => state.sessions.staticToken(name),
    setFault: controls.setFault,
    setLatency: controls.setLatency,
    expireSessions: controls.expireSessions,
    requests: state.requests,
    resetRequests: controls.resetRequests,
    requestCounts: controls.requestCounts,
    leakRepoCredentials: controls.leakRepoCredentials,
    clearRepoCredentialLeaks: controls.clearRepoCredentialLeaks,
    resetState: async () => controls.resetState(),
    application: controls.application,
    setApplicationStatus: controls.setApplicationStatus,
    putApplication: controls.putApplication,
    deleteApplication: controls.deleteApplication,
    openStreams: controls.openStreams,
    dropStreams: controls.dropStreams,
    settled: () => timers.idle(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        timers.cancelAll();
        server.close(error => (error ? reject(error) : resolve()));
        // Held (timeout), keep-alive and watch stream connections would otherwise keep the server open.
        server.closeAllConnections();
      }),
  };
}
