import type {
  ApplicationDetail,
  ApplicationsResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimulatorControl } from './argocdSimulatorClient';
import type { SimulatorReady } from './argocdSimulatorProcess';
import {
  startBackendProcess,
  type BackendProcess,
} from './boundsBackendClient';
import {
  processCpuMs,
  startHealthProbe,
  type BackendWatchResult,
  type EventLoopDelay,
  type Stall,
  type HealthProbeResult,
  type MemoryWatch,
} from './boundsProbes';
import {
  cardPath,
  detailPath,
  entityName,
  HEALTH_PATH,
} from './boundsWorkload';
import { summarize, type LatencySummary } from './report';

/**
 * The five scenarios of the `bounds` bench (issue 14), each against the
 * simulator's fault knobs, measured through HTTP from this process against
 * a backend in a process of its own. Every fault is cleared when its
 * scenario ends.
 */

const MiB = 1024 * 1024;
/** `gitops.limits.maxResponseMegabytes` at its default. */
export const LIMIT_MIB = 32;
export const OVERSIZE_BYTES = 52_428_800;
/** Just under the limit: accepted, read, parsed and normalized. */
export const ACCEPTED_BYTES = 30 * MiB;
const WARM_UP_BYTES = 2 * MiB;
export const REQUEST_DEADLINE_MS = 5_000;
export const DEADLINE_TARGET_MS = 5_500;
export const REFUSED_LOGIN_LOADS = 40;
export const REFUSED_LOGIN_BATCH = 10;
export const MAX_LOGINS = 2;
export const HEALTH_P99_TARGET_MS = 100;
export const RSS_TARGET = { one: 100 * MiB, five: 150 * MiB };

const LIST_FAULT = { pathIncludes: '/api/v1/applications' };

/** One answer as the client got it; parsed after the watch, so that parsing it does not hold up the health probe. */
interface RawAnswer {
  status: number;
  ms: number;
  bytes: Buffer;
}

async function fetchRaw(baseUrl: string, route: string): Promise<RawAnswer> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}${route}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, ms: performance.now() - started, bytes };
}

function parse<T>(answer: RawAnswer, route: string): T {
  const body = JSON.parse(answer.bytes.toString('utf8')) as T;
  if (answer.status !== 200) {
    throw new Error(
      `GET ${route} answered ${answer.status}: ${JSON.stringify(body).slice(
        0,
        300,
      )}`,
    );
  }
  return body;
}

/** The list answer is refused with a message naming the limit and the setting to raise. */
export function namesLimit(message: string | undefined): boolean {
  return (
    !!message &&
    message.includes(`more than the ${LIMIT_MIB} MiB limit`) &&
    message.includes('gitops.limits.maxResponseMegabytes')
  );
}

/** A card load (or several at once) under the memory and health watch. */
export interface CardLoadsResult {
  scenario: string;
  loads: number;
  latencyMs: LatencySummary;
  /** Size of the card answers as the client received them. */
  answerBytes: number;
  errorCodes: (string | undefined)[];
  /** How many answers' first error names the limit. */
  namingLimit: number;
  applications: number[];
  firstMessage?: string;
  /** List calls the simulator saw on central. */
  upstreamLists: number;
  memory: MemoryWatch;
  health: HealthProbeResult;
  eventLoopDelay: EventLoopDelay;
  stalls: Stall[];
  cpu: BackendWatchResult['cpu'];
  cpuShare: CpuShare;
}

async function cardLoadsUnderWatch(
  run: BoundsRun,
  scenario: string,
  entities: string[],
): Promise<CardLoadsResult> {
  const { sim, backend } = run;
  await sim.reset();
  await backend.watch();
  const cpuBefore = {
    at: performance.now(),
    backend: processCpuMs(backend.pid),
    simulator: processCpuMs(run.simulatorPid),
    bench: process.cpuUsage(),
  };
  const probe = startHealthProbe(backend.baseUrl);
  const loads = Promise.all(
    entities.map(entity => fetchRaw(backend.baseUrl, cardPath(entity))),
  );
  // The watch ends with the loads, whether they answered or failed.
  await loads.catch(() => undefined);
  const bench = process.cpuUsage(cpuBefore.bench);
  const difference = (now?: number, before?: number) =>
    now === undefined || before === undefined ? undefined : now - before;
  const cpuShare: CpuShare = {
    wallMs: Math.round(performance.now() - cpuBefore.at),
    cpus: cpus().length,
    backendMs: difference(processCpuMs(backend.pid), cpuBefore.backend),
    simulatorMs: difference(
      processCpuMs(run.simulatorPid),
      cpuBefore.simulator,
    ),
    benchMs: Math.round((bench.user + bench.system) / 1000),
  };
  const [watched, health] = await Promise.all([
    backend.unwatch(),
    probe.stop(),
  ]);
  const answers = await loads;
  const counts = await sim.requestCounts('central');
  const bodies = answers.map((answer, index) =>
    parse<ApplicationsResponse>(answer, cardPath(entities[index])),
  );
  return {
    scenario,
    loads: entities.length,
    latencyMs: summarize(answers.map(answer => answer.ms)),
    answerBytes: answers.reduce((sum, a) => sum + a.bytes.length, 0),
    errorCodes: bodies.map(body => body.errors[0]?.code),
    namingLimit: bodies.filter(body => namesLimit(body.errors[0]?.message))
      .length,
    applications: bodies.map(body => body.applications.length),
    firstMessage: bodies[0].errors[0]?.message,
    upstreamLists: counts.central?.['GET /api/v1/applications'] ?? 0,
    memory: watched.memory,
    health,
    eventLoopDelay: watched.eventLoopDelay,
    stalls: watched.stalls,
    cpu: watched.cpu,
    cpuShare,
  };
}

/** The simulator, and the backend process a scenario loads through. */
export interface BoundsRun {
  sim: SimulatorControl;
  simulatorPid?: number;
  backend: BackendProcess;
}

/** CPU time of the three processes over a load, against what the machine's CPUs offered. */
export interface CpuShare {
  wallMs: number;
  cpus: number;
  backendMs?: number;
  simulatorMs?: number;
  benchMs: number;
}

/**
 * JIT and connection warm-up: health, a card and a detail, and a small
 * accepted oversize list (2 MiB, ~450 apps) so the sliced parse and the
 * normalization are compiled before the 30 MiB run.
 */
export async function warmUp(run: BoundsRun): Promise<void> {
  const { sim, backend } = run;
  for (let i = 0; i < 20; i++) {
    await fetchRaw(backend.baseUrl, HEALTH_PATH);
  }
  for (let i = 0; i < 3; i++) {
    const card = parse<ApplicationsResponse>(
      await fetchRaw(backend.baseUrl, cardPath(entityName.central)),
      cardPath(entityName.central),
    );
    const app = card.applications[0];
    await fetchRaw(
      backend.baseUrl,
      detailPath(entityName.central, app.instance, app.name),
    );
  }
  await sim.setFault('central', {
    ...LIST_FAULT,
    oversizeBytes: WARM_UP_BYTES,
  });
  try {
    for (let i = 0; i < 3; i++) {
      const card = parse<ApplicationsResponse>(
        await fetchRaw(backend.baseUrl, cardPath(entityName.warmUp)),
        cardPath(entityName.warmUp),
      );
      if (card.errors.length || card.applications.length < 100) {
        throw new Error(
          `Warm-up on a ${WARM_UP_BYTES} byte list: ${JSON.stringify(
            card.errors,
          )}, ${card.applications.length} applications`,
        );
      }
    }
  } finally {
    await sim.clearFault('central');
  }
}

export const IDLE_PROBE_MS = 1_000;

/** The health probe for a second with nothing loading: the reference for the figures under load. */
export async function measureIdleHealth(
  backend: BackendProcess,
): Promise<HealthProbeResult> {
  const probe = startHealthProbe(backend.baseUrl);
  await sleep(IDLE_PROBE_MS);
  return probe.stop();
}

/** Scenarios 1 and 2: one or five 50 MB list answers, abandoned at the limit. */
export async function measureOversize(
  run: BoundsRun,
  count: number,
): Promise<CardLoadsResult> {
  await run.sim.setFault('central', {
    ...LIST_FAULT,
    oversizeBytes: OVERSIZE_BYTES,
  });
  try {
    const entities = Array.from({ length: count }, (_, i) => entityName.big(i));
    return await cardLoadsUnderWatch(
      run,
      count === 1 ? '50 MB answer' : `${count} × 50 MB answers at once`,
      entities,
    );
  } finally {
    await run.sim.clearFault('central');
    // Let the simulator notice the closed connections before the next scenario.
    await sleep(200);
  }
}

/** Scenario 3: a 30 MiB answer, under the 32 MiB limit: read, parsed and normalized. */
export async function measureAccepted(
  run: BoundsRun,
): Promise<CardLoadsResult> {
  await run.sim.setFault('central', {
    ...LIST_FAULT,
    oversizeBytes: ACCEPTED_BYTES,
  });
  try {
    return await cardLoadsUnderWatch(
      run,
      `${ACCEPTED_BYTES / MiB} MiB answer, accepted`,
      [entityName.accepted],
    );
  } finally {
    await run.sim.clearFault('central');
  }
}

/** Scenario 4: a detail whose revision metadata never answers. */
export interface HangingMetadataResult {
  application: string;
  latencyMs: number;
  historyRows: number;
  rowsWithAuthor: number;
  errorCode?: string;
  errorMessage?: string;
  /** Metadata calls the simulator held. */
  metadataCalls: number;
}

export async function measureHangingMetadata(
  run: BoundsRun,
): Promise<HangingMetadataResult> {
  const { sim, backend } = run;
  const route = cardPath(entityName.detail);
  const card = parse<ApplicationsResponse>(
    await fetchRaw(backend.baseUrl, route),
    route,
  );
  // An application with a deployed revision, and so a history.
  const app = card.applications.find(a => a.sync.revision);
  if (!app) {
    throw new Error(`No application with a revision in ${route}`);
  }
  const detailRoute = detailPath(entityName.detail, app.instance, app.name);
  await sim.setFault('central', { pathIncludes: '/metadata', timeout: true });
  await sim.reset();
  try {
    const answer = await fetchRaw(backend.baseUrl, detailRoute);
    const detail = parse<ApplicationDetail>(answer, detailRoute);
    const requests = await sim.requests();
    return {
      application: `${app.instance}/${app.name}`,
      latencyMs: answer.ms,
      historyRows: detail.history.length,
      rowsWithAuthor: detail.history.filter(row => row.author).length,
      errorCode: detail.errors?.[0]?.code,
      errorMessage: detail.errors?.[0]?.message,
      metadataCalls: requests.filter(r => r.path.endsWith('/metadata')).length,
    };
  } finally {
    await sim.clearFault('central');
  }
}

/** Scenario 5: 40 card loads on an instance whose login is refused. */
export interface RefusedLoginResult {
  loads: number;
  batch: number;
  logins: number;
  unauthorized: number;
  latencyMs: LatencySummary;
  lastMessage?: string;
  edgeRequests: Record<string, number>;
}

/** On a backend process of its own, so no login was tried before. */
export async function measureRefusedLogin(
  sim: SimulatorControl,
  simulator: SimulatorReady,
): Promise<RefusedLoginResult> {
  const refused = await startBackendProcess(simulator, {
    edgePassword: 'not-the-password',
  });
  try {
    await sim.reset();
    const route = cardPath(entityName.edge);
    const answers: RawAnswer[] = [];
    for (let i = 0; i < REFUSED_LOGIN_LOADS / REFUSED_LOGIN_BATCH; i++) {
      answers.push(
        ...(await Promise.all(
          Array.from({ length: REFUSED_LOGIN_BATCH }, () =>
            fetchRaw(refused.baseUrl, route),
          ),
        )),
      );
    }
    const bodies = answers.map(a => parse<ApplicationsResponse>(a, route));
    const edgeRequests = (await sim.requestCounts('edge')).edge ?? {};
    return {
      loads: answers.length,
      batch: REFUSED_LOGIN_BATCH,
      logins: edgeRequests['POST /api/v1/session'] ?? 0,
      unauthorized: bodies.filter(
        body =>
          body.errors.length === 1 &&
          body.errors[0].instance === 'edge' &&
          body.errors[0].code === 'unauthorized',
      ).length,
      latencyMs: summarize(answers.map(a => a.ms)),
      lastMessage: bodies[bodies.length - 1]?.errors[0]?.message,
      edgeRequests,
    };
  } finally {
    await refused.stop();
  }
}
