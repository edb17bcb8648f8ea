import {
  coreServices,
  createServiceFactory,
  type LoggerService,
  type ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Simulator } from '@gitops-guide/argocd-simulator';
import { gitopsPlugin } from '../plugin';

/** Every line the backend logged, with its metadata, for "no secret in logs" checks. */
export interface LogLine {
  level: string;
  message: string;
  meta?: unknown;
}

function recordingLogger(lines: LogLine[], fields: object = {}): LoggerService {
  const log = (level: string) => (message: string, meta?: unknown) => {
    lines.push({
      level,
      message,
      meta:
        meta instanceof Error
          ? { ...meta, name: meta.name, message: meta.message }
          : { ...fields, ...(meta as object) },
    });
  };
  return {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: meta => recordingLogger(lines, { ...fields, ...meta }),
  };
}

export const SIM_UI_URL = 'https://argocd.example.com';

/**
 * `gitops.argocd` for the simulator: `central` with its static token, `edge`
 * with a session login, both listed per request (`watch: false`): most tests
 * count the calls of that path; the watch tests turn it on.
 */
export function simulatorConfig(sim: Simulator, overrides: object = {}) {
  return {
    instances: [
      {
        name: 'central',
        url: sim.instanceUrl('central'),
        uiUrl: `${SIM_UI_URL}/central`,
        token: sim.token('central'),
        watch: false,
      },
      {
        name: 'edge',
        url: sim.instanceUrl('edge'),
        username: 'admin',
        password: 'edge-password',
        watch: false,
      },
    ],
    cacheTtlSeconds: 15,
    timeoutMs: 2000,
    ...overrides,
  };
}

/**
 * The GitOps plugin on a test backend, reading from the simulator, with the
 * given catalog content (or catalog factory) and a log recorder.
 */
export async function startGitOpsBackend(options: {
  entities?: Entity[];
  catalog?: ServiceFactory;
  config: object;
  /** More service factories, e.g. a permissions mock or an auditor. */
  features?: ServiceFactory[];
}) {
  const logs: LogLine[] = [];
  const backend = await startTestBackend({
    features: [
      ...(options.features ?? []),
      gitopsPlugin,
      options.catalog ??
        catalogServiceMock.factory({ entities: options.entities ?? [] }),
      mockServices.rootConfig.factory({ data: options.config }),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => recordingLogger(logs),
      }),
    ],
  });
  return { server: backend.server, backend, logs };
}

/** One audit event as the plugin recorded it. */
export interface RecordedAuditEvent {
  eventId: string;
  severityLevel?: string;
  meta?: unknown;
  outcome?: 'success' | 'fail';
  outcomeMeta?: unknown;
  error?: Error;
}

/** An auditor that keeps every event, to check what an action recorded. */
export function recordingAuditor(events: RecordedAuditEvent[]): ServiceFactory {
  return createServiceFactory({
    service: coreServices.auditor,
    deps: {},
    factory: () => ({
      async createEvent(options) {
        const event: RecordedAuditEvent = {
          eventId: options.eventId,
          severityLevel: options.severityLevel,
          meta: options.meta,
        };
        events.push(event);
        return {
          async success(result) {
            event.outcome = 'success';
            event.outcomeMeta = result?.meta;
          },
          async fail(result) {
            event.outcome = 'fail';
            event.outcomeMeta = result.meta;
            event.error = result.error;
          },
        };
      },
    }),
  });
}
