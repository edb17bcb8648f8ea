import { environmentOf } from '../environment';
import { toConditions } from '../internal/conditions';
import {
  asBoolean,
  asInteger,
  asRecord,
  asRecordArray,
  asString,
} from '../internal/json';
import type {
  ApplicationDetail,
  ApplicationSummary,
  SyncStatus,
} from '../types';
import {
  toHelmReleaseHistory,
  toKustomizationHistory,
} from './normalizeHistory';
import { fluxReadiness } from './readiness';
import { toFluxSource, type FluxSourceLookup } from './source';
import { FLUX_KINDS, type FluxKind, type RawFluxObject } from './types';

/** Where a Flux object was read from. @public */
export interface FluxNormalizeContext {
  /** The configured cluster name (the `instance` of the model). */
  instance: string;
  /** The object's kind, when the document may lack `kind` (it is read from the document otherwise). */
  kind?: FluxKind;
  /** Source objects the caller has fetched, for the repository URL. */
  source?: FluxSourceLookup;
}

/** The Flux kind of a document, `Kustomization` when it cannot tell. @public */
export function fluxKindOf(raw: unknown, fallback?: FluxKind): FluxKind {
  const kind = asString(asRecord(raw)?.kind);
  return (
    FLUX_KINDS.find(known => known === kind) ?? fallback ?? 'Kustomization'
  );
}

/** The annotation `flux reconcile` sets, and the controller's answer to it. */
const REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';

function reconcileRequestOf(
  metadata: Record<string, unknown> | undefined,
  status: Record<string, unknown> | undefined,
): ApplicationSummary['reconcile'] {
  const requestedAt = asString(asRecord(metadata?.annotations)?.[REQUESTED_AT]);
  const handledAt = asString(status?.lastHandledReconcileAt);
  if (!requestedAt && !handledAt) return undefined;
  const reconcile: NonNullable<ApplicationSummary['reconcile']> = {};
  if (requestedAt) reconcile.requestedAt = requestedAt;
  if (handledAt) reconcile.handledAt = handledAt;
  return reconcile;
}

/** The Helm release in effect: the newest snapshot that deployed. */
function deployedSnapshot(status: Record<string, unknown> | undefined) {
  return asRecordArray(status?.history)
    .filter(snapshot => snapshot.status === 'deployed')
    .sort(
      (a, b) => (asInteger(b.version) ?? 0) - (asInteger(a.version) ?? 0),
    )[0];
}

/**
 * Sync, as Argo CD would say it: `Synced` when the revision in effect is the
 * one last attempted, `OutOfSync` when the attempt differs (it failed or is
 * under way) or nothing was ever applied, `Unknown` before the first
 * attempt. The revision is the attempted one: what Git (or the chart
 * repository) wants.
 */
function toSync(
  kind: FluxKind,
  status: Record<string, unknown> | undefined,
): ApplicationSummary['sync'] {
  const attempted = asString(status?.lastAttemptedRevision);
  let applied: string | undefined;
  let sameConfig = true;
  if (kind === 'HelmRelease') {
    const deployed = deployedSnapshot(status);
    applied = asString(deployed?.chartVersion);
    const attemptedConfig = asString(status?.lastAttemptedConfigDigest);
    const deployedConfig = asString(deployed?.configDigest);
    sameConfig =
      !attemptedConfig || !deployedConfig || attemptedConfig === deployedConfig;
  } else {
    applied = asString(status?.lastAppliedRevision);
  }
  // helm-controller appends `+<digest>` to OCI chart versions it attempted.
  const attemptedVersion =
    kind === 'HelmRelease' && attempted && applied && !applied.includes('+')
      ? attempted.split('+')[0]
      : attempted;

  let syncStatus: SyncStatus;
  if (attempted === undefined && applied === undefined) {
    syncStatus = 'Unknown';
  } else if (applied === undefined) {
    syncStatus = 'OutOfSync';
  } else if (attempted === undefined) {
    syncStatus = 'Synced';
  } else {
    syncStatus =
      attemptedVersion === applied && sameConfig ? 'Synced' : 'OutOfSync';
  }
  const revision = attempted ?? applied;
  return revision ? { status: syncStatus, revision } : { status: syncStatus };
}

function retryCountOf(
  kind: FluxKind,
  status: Record<string, unknown> | undefined,
): number | undefined {
  if (kind !== 'HelmRelease') {
    return undefined;
  }
  const counters: Record<string, unknown> = {
    install: status?.installFailures,
    upgrade: status?.upgradeFailures,
  };
  const action = asString(status?.lastAttemptedReleaseAction) ?? '';
  const count = asInteger(counters[action] ?? status?.failures);
  return count !== undefined && count > 0 ? count : undefined;
}

function imagesOf(spec: Record<string, unknown> | undefined): string[] {
  return asRecordArray(spec?.images).flatMap(image => {
    const name = asString(image.newName) ?? asString(image.name);
    if (!name) return [];
    const digest = asString(image.digest);
    const tag = asString(image.newTag);
    if (digest) return [`${name}@${digest}`];
    return [tag ? `${name}:${tag}` : name];
  });
}

/**
 * Maps a Flux `Kustomization` (kustomize.toolkit.fluxcd.io/v1) or
 * `HelmRelease` (helm.toolkit.fluxcd.io/v2) onto the shared summary, so the
 * card, signals and rollback planner treat it like an Argo CD application:
 *
 * - health and operation from the `Ready` condition (see `fluxReadiness`),
 *   `spec.suspend` → `suspended: true` and health `Suspended`;
 * - sync from the revision in effect (`lastAppliedRevision`, or the chart
 *   version of the deployed Helm release) against `lastAttemptedRevision`;
 * - every condition with its `status` and `reason`;
 * - `autoSync` enabled unless suspended (Flux always reconciles), `prune`
 *   from a Kustomization's `spec.prune` (Helm always removes what a chart
 *   drops), `selfHeal` for Kustomizations and for HelmReleases with drift
 *   detection `enabled`;
 * - the source from `spec.sourceRef` / the chart template, with the URL the
 *   lookup knows.
 *
 * Never throws on a malformed or partial document.
 * @public
 */
export function normalizeFluxObject(
  raw: RawFluxObject,
  ctx: FluxNormalizeContext,
): ApplicationSummary {
  const root = asRecord(raw);
  const metadata = asRecord(root?.metadata);
  const spec = asRecord(root?.spec);
  const status = asRecord(root?.status);
  const kind = fluxKindOf(raw, ctx.kind);
  const readiness = fluxReadiness(raw);
  const namespace = asString(metadata?.namespace) ?? '';

  const operation = readiness.operation;
  if (operation) {
    const revision = asString(status?.lastAttemptedRevision);
    const retryCount = retryCountOf(kind, status);
    if (revision) operation.revision = revision;
    if (retryCount !== undefined && operation.phase === 'Failed') {
      operation.retryCount = retryCount;
    }
  }

  const isHelm = kind === 'HelmRelease';
  const summary: ApplicationSummary = {
    instance: ctx.instance,
    sourceKind: 'flux',
    kind,
    name: asString(metadata?.name) ?? '',
    namespace,
    sync: toSync(kind, status),
    health: readiness.health,
    operation,
    conditions: toConditions(status?.conditions),
    autoSync: {
      enabled: !readiness.suspended,
      prune: isHelm ? true : asBoolean(spec?.prune) ?? false,
      selfHeal: isHelm
        ? asString(asRecord(spec?.driftDetection)?.mode) === 'enabled'
        : true,
    },
    destination: {},
    images: isHelm ? [] : imagesOf(spec),
    links: {},
  };
  if (readiness.suspended) summary.suspended = true;
  if (asString(metadata?.deletionTimestamp)) summary.deleting = true;
  const reconcile = reconcileRequestOf(metadata, status);
  if (reconcile) summary.reconcile = reconcile;

  const environment = environmentOf(metadata?.labels);
  if (environment) summary.environment = environment;
  const source = toFluxSource(raw, ctx.source);
  if (source) summary.source = source;
  summary.sourceTypes = [isHelm ? 'Helm' : 'Kustomize'];

  const targetNamespace =
    asString(spec?.targetNamespace) ?? (isHelm ? namespace : undefined);
  if (targetNamespace) summary.destination.namespace = targetNamespace;

  const lastReconciled = asRecordArray(status?.history)
    .map(snapshot =>
      asString(snapshot[isHelm ? 'lastDeployed' : 'lastReconciled']),
    )
    .filter((time): time is string => time !== undefined)
    .sort()
    .pop();
  if (lastReconciled) summary.reconciledAt = lastReconciled;
  return summary;
}

/**
 * {@link normalizeFluxObject} plus deploy history: the Helm releases of a
 * HelmRelease's `status.history` (id = Helm release revision, revision =
 * chart version), or the successful snapshots of a Kustomization's
 * `status.history` (else its `lastAppliedRevision`). Flux reports no
 * per-resource health, so `resources` is empty.
 * @public
 */
export function normalizeFluxObjectDetail(
  raw: RawFluxObject,
  ctx: FluxNormalizeContext,
): ApplicationDetail {
  const summary = normalizeFluxObject(raw, ctx);
  const status = asRecord(asRecord(raw)?.status);
  return {
    ...summary,
    history:
      summary.kind === 'HelmRelease'
        ? toHelmReleaseHistory(status, summary.source)
        : toKustomizationHistory(status, summary.source),
    resources: [],
    resourceCounts: {},
  };
}
