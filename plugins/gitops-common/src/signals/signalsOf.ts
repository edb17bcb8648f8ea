import { truncate } from '../internal/json';
import { shortRevision } from '../links';
import { assessRollback } from '../rollback/assessRollback';
import type {
  ApplicationDetail,
  ApplicationOperation,
  ApplicationSummary,
  Signals,
} from '../types';
import { fluxSignalsOf } from './flux';
import { matchMessagePatterns, type ObjectRef } from './messagePatterns';
import {
  SIGNAL_ROLLBACK_CANDIDATE,
  SIGNAL_SOURCE_HELM,
  SIGNAL_SOURCE_MULTI,
  conditionSignal,
  healthSignal,
  messageSignal,
  operationSignal,
  settingSignal,
  syncSignal,
} from './vocabulary';

const MAX_MESSAGE = 160;

function revisionLabel(value: {
  revision?: string;
  revisions?: string[];
}): string {
  return value.revisions && value.revisions.length > 0
    ? value.revisions.map(shortRevision).join(' + ')
    : shortRevision(value.revision);
}

function isDetail(
  app: ApplicationSummary | ApplicationDetail,
): app is ApplicationDetail {
  return Array.isArray((app as ApplicationDetail).history);
}

function operationPrefix(operation: ApplicationOperation): string {
  switch (operation.phase) {
    case 'Failed':
    case 'Error':
      return 'the last sync failed';
    case 'Running':
      return 'the running sync reports';
    case 'Terminating':
      return 'the sync being terminated reports';
    default:
      return 'the last sync reported';
  }
}

function operationFact(
  app: ApplicationSummary,
  operation: ApplicationOperation,
): string {
  const revision = revisionLabel(operation);
  const message = operation.message
    ? `: ${truncate(operation.message, MAX_MESSAGE)}`
    : '';
  switch (operation.phase) {
    case 'Failed':
    case 'Error': {
      const retries = operation.retryCount
        ? ` after ${operation.retryCount} retries`
        : '';
      return `the last sync ${
        operation.phase === 'Error' ? 'errored' : 'failed'
      }${revision ? ` at ${revision}` : ''}${retries}${message}`;
    }
    case 'Running':
      return `a sync${revision ? ` to ${revision}` : ''} is running${
        operation.startedAt ? ` since ${operation.startedAt}` : ''
      }`;
    case 'Terminating':
      return `a sync${revision ? ` to ${revision}` : ''} is being terminated`;
    default:
      return `the last sync succeeded${revision ? ` at ${revision}` : ''}${
        app.health.status === 'Healthy' ? ' and the application is Healthy' : ''
      }`;
  }
}

function syncFact(app: ApplicationSummary): string {
  const revision = revisionLabel(app.sync);
  switch (app.sync.status) {
    case 'Synced':
      return `sync status is Synced${revision ? ` at ${revision}` : ''}`;
    case 'OutOfSync':
      return `the live state differs from Git: sync status is OutOfSync${
        revision ? ` against ${revision}` : ''
      }`;
    default:
      return 'the live state cannot be compared with Git: sync status is Unknown';
  }
}

function healthFact(app: ApplicationSummary | ApplicationDetail): string {
  const { status, message } = app.health;
  if (message) {
    return `health is ${status}: ${truncate(message, MAX_MESSAGE)}`;
  }
  const culprit = isDetail(app)
    ? (app.resources ?? []).find(resource => resource.health === status)
    : undefined;
  return culprit
    ? `health is ${status} (${culprit.kind} ${culprit.name} is ${status})`
    : `health is ${status}`;
}

function settingFacts(
  app: ApplicationSummary,
): Array<{ signal: string; fact: string }> {
  const tool = app.sourceKind === 'flux' ? 'Flux' : 'Argo CD';
  const { enabled, selfHeal, prune } = app.autoSync;
  return [
    {
      signal: settingSignal('autoSync', enabled),
      fact: enabled
        ? `automated sync is enabled: ${tool} applies every change pushed to Git`
        : 'automated sync is disabled: changes reach the cluster only when someone syncs',
    },
    {
      signal: settingSignal('selfHeal', selfHeal),
      fact: selfHeal
        ? `self-heal is enabled: ${tool} reverts manual changes in the cluster`
        : 'self-heal is disabled: manual changes in the cluster stay until the next sync',
    },
    {
      signal: settingSignal('prune', prune),
      fact: prune
        ? 'pruning is enabled: resources removed from Git are deleted from the cluster'
        : 'pruning is disabled: resources removed from Git stay in the cluster',
    },
  ];
}

function sourceFacts(
  app: ApplicationSummary,
): Array<{ signal: string; fact: string }> {
  const out: Array<{ signal: string; fact: string }> = [];
  const sources = app.sources ?? (app.source ? [app.source] : []);
  if (app.sources) {
    out.push({
      signal: SIGNAL_SOURCE_MULTI,
      fact: `the application has ${app.sources.length} sources (${app.sources
        .map(source => source.chart ?? source.repoURL)
        .join(', ')})`,
    });
  }
  const chart = sources.find(source => source.chart);
  if (chart) {
    out.push({
      signal: SIGNAL_SOURCE_HELM,
      fact: `the application deploys Helm chart ${chart.chart}${
        chart.targetRevision ? ` ${chart.targetRevision}` : ''
      } from ${chart.repoURL}`,
    });
  } else if (app.sourceTypes?.includes('Helm')) {
    out.push({
      signal: SIGNAL_SOURCE_HELM,
      fact: 'the manifests are rendered with Helm',
    });
  }
  return out;
}

const MAX_EVIDENCE = 50;
const MAX_EVIDENCE_LENGTH = 1000;

function messageFacts(app: ApplicationSummary | ApplicationDetail): {
  facts: Array<{ signal: string; fact: string }>;
  messages: string[];
} {
  const out: Array<{ signal: string; fact: string }> = [];
  const messages = new Set<string>();
  const scan = (
    message: string | undefined,
    prefix: string,
    carrier?: ObjectRef,
  ) => {
    if (!message) {
      return;
    }
    if (messages.size < MAX_EVIDENCE) {
      messages.add(`${prefix}: ${truncate(message, MAX_EVIDENCE_LENGTH)}`);
    }
    for (const { pattern, phrase } of matchMessagePatterns(message, carrier)) {
      out.push({
        signal: messageSignal(pattern.id),
        fact: `${prefix}: ${phrase}`,
      });
    }
  };

  const { operation } = app;
  if (operation) {
    const prefix = operationPrefix(operation);
    scan(operation.message, prefix);
    for (const resource of operation.failedResources ?? []) {
      const failedHook =
        resource.hookType &&
        (resource.hookPhase === 'Failed' || resource.hookPhase === 'Error');
      if (failedHook) {
        out.push({
          signal: messageSignal('hook failed'),
          fact: `${prefix}: ${resource.hookType} hook ${resource.kind} ${
            resource.name
          } failed${
            resource.message
              ? ` (${truncate(resource.message, MAX_MESSAGE)})`
              : ''
          }`,
        });
      }
      scan(resource.message, prefix, resource);
    }
  }
  for (const condition of app.conditions ?? []) {
    scan(condition.message, `condition ${condition.type}`);
  }
  scan(app.health.message, `health is ${app.health.status}`);
  if (isDetail(app)) {
    for (const resource of app.resources ?? []) {
      const state =
        resource.health && resource.health !== 'Healthy'
          ? resource.health
          : resource.sync ?? resource.health ?? 'Unknown';
      scan(resource.message, `a ${state} resource reports`, resource);
    }
  }
  return { facts: out, messages: [...messages] };
}

/**
 * The live status of an application as matchable signals (see
 * `vocabulary.ts` for the list), each with a short human fact naming the
 * live value behind it. Pure and cheap; a detail (with history) also yields
 * `history:rollback-candidate` and resource message signals.
 * @public
 */
export function signalsOf(
  app: ApplicationSummary | ApplicationDetail,
): Signals {
  const signals: string[] = [];
  const facts: Record<string, string> = {};
  const add = ({ signal, fact }: { signal: string; fact: string }) => {
    if (!Object.prototype.hasOwnProperty.call(facts, signal)) {
      signals.push(signal);
      facts[signal] = fact;
    }
  };

  add({ signal: syncSignal(app.sync.status), fact: syncFact(app) });
  add({ signal: healthSignal(app.health.status), fact: healthFact(app) });
  if (app.operation) {
    add({
      signal: operationSignal(app.operation.phase),
      fact: operationFact(app, app.operation),
    });
  }
  for (const condition of app.conditions ?? []) {
    add({
      signal: conditionSignal(condition.type),
      fact: `condition ${condition.type}${
        condition.message ? `: ${truncate(condition.message, MAX_MESSAGE)}` : ''
      }`,
    });
  }
  settingFacts(app).forEach(add);
  sourceFacts(app).forEach(add);
  if (app.sourceKind === 'flux') {
    fluxSignalsOf(app).forEach(add);
  }
  const evidence = messageFacts(app);
  evidence.facts.forEach(add);

  if (isDetail(app)) {
    const assessment = assessRollback(app);
    if (assessment.state === 'recommended') {
      add({
        signal: SIGNAL_ROLLBACK_CANDIDATE,
        fact: `a rollback is worth considering: ${assessment.reason
          .charAt(0)
          .toLowerCase()}${assessment.reason.slice(1)}`,
      });
    }
  }
  return { signals, facts, messages: evidence.messages };
}
