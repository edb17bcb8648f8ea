import { environmentOf } from '../environment';
import { toConditions } from '../internal/conditions';
import {
  asArray,
  asBoolean,
  asInteger,
  asMessage,
  asRecord,
  asRecordArray,
  asString,
  asStringArray,
  asUrl,
  copyStrings,
} from '../internal/json';
import {
  isOperationInProgress,
  toHealthStatus,
  toOperationPhase,
  toSyncStatus,
} from '../status';
import type {
  ApplicationDetail,
  ApplicationOperation,
  ApplicationSummary,
  OperationResourceResult,
  SourceKind,
} from '../types';
import { toHistory, type RevisionMetadataLookup } from './normalizeHistory';
import { toResources } from './normalizeResources';
import { toApplicationSource, toApplicationSources } from './normalizeSource';
import type { RawApplication, RawApplicationTree } from './types';

/** Argo CD's default `spec.revisionHistoryLimit`. @public */
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;

/** Where an Argo CD application was read from. @public */
export interface NormalizeContext {
  /** The configured instance (Argo CD server or cluster) name. */
  instance: string;
  /** Argo CD UI base URL, for `links.argocd`; only http(s) URLs are used. */
  uiUrl?: string;
  /** `argocd` (REST API, the default) or `argocd-kubernetes` (the Application CRD read from Kubernetes). */
  sourceKind?: Extract<SourceKind, 'argocd' | 'argocd-kubernetes'>;
}

/** {@link NormalizeContext} plus what the detail view joins in. @public */
export interface NormalizeDetailContext extends NormalizeContext {
  /** `GET /api/v1/applications/{name}/resource-tree`, when fetched. */
  tree?: RawApplicationTree;
  /** Commit metadata for history revisions; see {@link revisionMetadataRequests}. */
  revisionMetadata?: RevisionMetadataLookup;
}

function argocdLink(
  uiUrl: string | undefined,
  namespace: string,
  name: string,
): string | undefined {
  if (!uiUrl || !name || !/^https?:\/\/[^\s"'<>]+$/i.test(uiUrl)) {
    return undefined;
  }
  const base = uiUrl.replace(/\/+$/, '');
  // The UI routes /applications/:appnamespace/:name since "apps in any namespace".
  return namespace
    ? `${base}/applications/${encodeURIComponent(
        namespace,
      )}/${encodeURIComponent(name)}`
    : `${base}/applications/${encodeURIComponent(name)}`;
}

function toFailedResources(raw: unknown): OperationResourceResult[] {
  return asRecordArray(raw).flatMap(resource => {
    const kind = asString(resource.kind);
    const name = asString(resource.name);
    const status = asString(resource.status);
    const hookPhase = asString(resource.hookPhase);
    const failed =
      status === 'SyncFailed' ||
      hookPhase === 'Failed' ||
      hookPhase === 'Error';
    if (!kind || !name || !failed) {
      return [];
    }
    const result: OperationResourceResult = { kind, name };
    copyStrings(result, resource, [
      'group',
      'namespace',
      'status',
      'hookType',
      'hookPhase',
    ]);
    const message = asMessage(resource.message);
    if (message) result.message = message;
    return [result];
  });
}

function initiatorOf(raw: unknown): string | undefined {
  const initiator = asRecord(raw);
  return (
    asString(initiator?.username) ??
    (initiator?.automated === true ? 'automated' : undefined)
  );
}

function toOperation(
  rawState: unknown,
  rawRequested: unknown,
): ApplicationOperation | null {
  const state = asRecord(rawState);
  const phase = toOperationPhase(state?.phase);
  const requested = asRecord(rawRequested);

  // Like Argo CD's UI: a requested operation the controller has not picked up yet is running.
  if (requested && !isOperationInProgress(phase)) {
    const sync = asRecord(requested.sync);
    const operation: ApplicationOperation = {
      phase: 'Running',
      message: 'waiting to start',
    };
    const revision = asString(sync?.revision);
    const revisions = asStringArray(sync?.revisions);
    const initiatedBy = initiatorOf(requested.initiatedBy);
    if (revision) operation.revision = revision;
    if (revisions.length > 0) operation.revisions = revisions;
    if (initiatedBy) operation.initiatedBy = initiatedBy;
    return operation;
  }
  if (!state || !phase) {
    return null;
  }

  const syncResult = asRecord(state.syncResult);
  const operationSpec = asRecord(state.operation);
  const sync = asRecord(operationSpec?.sync);
  const operation: ApplicationOperation = { phase };
  const message = asMessage(state.message);
  const startedAt = asString(state.startedAt);
  const finishedAt = asString(state.finishedAt);
  // The result records what was synced; the request, what a failed sync tried.
  const revision = asString(syncResult?.revision) ?? asString(sync?.revision);
  const resultRevisions = asStringArray(syncResult?.revisions);
  const revisions =
    resultRevisions.length > 0
      ? resultRevisions
      : asStringArray(sync?.revisions);
  const retryCount = asInteger(state.retryCount);
  const initiatedBy = initiatorOf(operationSpec?.initiatedBy);
  const failedResources = toFailedResources(syncResult?.resources);
  if (message) operation.message = message;
  if (startedAt) operation.startedAt = startedAt;
  if (finishedAt) operation.finishedAt = finishedAt;
  if (revision) operation.revision = revision;
  if (revisions.length > 0) operation.revisions = revisions;
  if (retryCount !== undefined) operation.retryCount = retryCount;
  if (initiatedBy) operation.initiatedBy = initiatedBy;
  if (failedResources.length > 0) operation.failedResources = failedResources;
  return operation;
}

/**
 * Maps an Argo CD Application (REST API or Kubernetes CRD) to the shared
 * summary. Status words pass through as Argo CD spells them; anything
 * missing or unrecognised becomes `Unknown`. Never throws on a malformed or
 * partial document.
 * @public
 */
export function normalizeApplication(
  app: RawApplication,
  ctx: NormalizeContext,
): ApplicationSummary {
  const root = asRecord(app);
  const metadata = asRecord(root?.metadata);
  const spec = asRecord(root?.spec);
  const status = asRecord(root?.status);
  const sync = asRecord(status?.sync);
  const health = asRecord(status?.health);
  const automated = asRecord(asRecord(spec?.syncPolicy)?.automated);
  const destination = asRecord(spec?.destination);

  const name = asString(metadata?.name) ?? '';
  const namespace = asString(metadata?.namespace) ?? '';
  const summary: ApplicationSummary = {
    instance: ctx.instance,
    sourceKind: ctx.sourceKind ?? 'argocd',
    kind: 'Application',
    name,
    namespace,
    sync: { status: toSyncStatus(sync?.status) },
    health: { status: toHealthStatus(health?.status) },
    operation: toOperation(status?.operationState, root?.operation),
    conditions: toConditions(status?.conditions),
    autoSync: {
      enabled: automated !== undefined && automated.enabled !== false,
      prune: asBoolean(automated?.prune) ?? false,
      selfHeal: asBoolean(automated?.selfHeal) ?? false,
    },
    destination: {},
    images: asStringArray(asRecord(status?.summary)?.images),
    links: {},
  };

  // An empty project means `default` (swagger: ApplicationSpec.project).
  if (spec) summary.project = asString(spec.project) ?? 'default';
  const environment = environmentOf(metadata?.labels);
  if (environment) summary.environment = environment;
  if (asString(metadata?.deletionTimestamp)) summary.deleting = true;

  const syncRevision = asString(sync?.revision);
  const syncRevisions = asStringArray(sync?.revisions);
  if (syncRevision) summary.sync.revision = syncRevision;
  if (syncRevisions.length > 0) summary.sync.revisions = syncRevisions;
  const healthMessage = asMessage(health?.message);
  if (healthMessage) summary.health.message = healthMessage;

  // Argo CD ignores `source` once `sources` is non-empty.
  const sources = toApplicationSources(spec?.sources);
  const source = sources ? undefined : toApplicationSource(spec?.source);
  if (sources) summary.sources = sources;
  if (source) summary.source = source;
  const sourceTypes = asStringArray(status?.sourceTypes);
  const sourceType = asString(status?.sourceType);
  if (sourceTypes.length > 0) summary.sourceTypes = sourceTypes;
  else if (sourceType) summary.sourceTypes = [sourceType];

  const server = asUrl(destination?.server);
  if (server) summary.destination.server = server;
  for (const key of ['name', 'namespace'] as const) {
    const value = asString(destination?.[key]);
    if (value) summary.destination[key] = value;
  }
  const reconciledAt = asString(status?.reconciledAt);
  if (reconciledAt) summary.reconciledAt = reconciledAt;
  const link = argocdLink(ctx.uiUrl, namespace, name);
  if (link) summary.links.argocd = link;
  return summary;
}

/**
 * {@link normalizeApplication} plus history (newest first, joined with
 * commit metadata for Git sources), the resources that need attention
 * (merged from `status.resources` and the resource tree) and resource
 * counts by health.
 * @public
 */
export function normalizeApplicationDetail(
  app: RawApplication,
  ctx: NormalizeDetailContext,
): ApplicationDetail {
  const root = asRecord(app);
  const spec = asRecord(root?.spec);
  const status = asRecord(root?.status);
  const historyLimit = asInteger(spec?.revisionHistoryLimit);
  const { resources, resourceCounts } = toResources(
    asArray(status?.resources),
    ctx.tree,
  );
  return {
    ...normalizeApplication(app, ctx),
    history: toHistory(app, ctx.revisionMetadata),
    resources,
    resourceCounts,
    historyLimit:
      historyLimit !== undefined && historyLimit >= 0
        ? historyLimit
        : DEFAULT_REVISION_HISTORY_LIMIT,
  };
}
