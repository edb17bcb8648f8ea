/**
 * The parts of Flux's objects that this package reads, typed after the CRD
 * schemas of `kustomizations.kustomize.toolkit.fluxcd.io/v1` and
 * `helmreleases.helm.toolkit.fluxcd.io/v2`.
 *
 * Everything is optional: a Kubernetes list returns whatever is stored, and
 * a new object has no status yet. The normalizer re-checks every value.
 */

import type { RawObjectMeta } from '../argocd/types';

/** The Flux kinds this package maps onto the GitOps model. @public */
export type FluxKind = 'Kustomization' | 'HelmRelease';

/** Every {@link FluxKind}. @public */
export const FLUX_KINDS: readonly FluxKind[] = ['Kustomization', 'HelmRelease'];

/** `metav1.Condition` as Flux writes it. @public */
export interface RawFluxCondition {
  type?: string;
  /** `True`, `False` or `Unknown`. */
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

/** `metadata`, plus the generation the controller compares with `status.observedGeneration`. @public */
export interface RawFluxObjectMeta extends RawObjectMeta {
  generation?: number;
}

/** A reference to a source-controller object (`GitRepository`, `OCIRepository`, `HelmRepository`, …). @public */
export interface RawFluxSourceReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  /** Defaults to the namespace of the referring object. */
  namespace?: string;
}

/** `kustomize.toolkit.fluxcd.io/v1` `Kustomization` `spec`, reduced to what we read. @public */
export interface RawKustomizationSpec {
  sourceRef?: RawFluxSourceReference;
  path?: string;
  prune?: boolean;
  suspend?: boolean;
  targetNamespace?: string;
  interval?: string;
  dependsOn?: Array<{ name?: string; namespace?: string }>;
  images?: Array<{
    name?: string;
    newName?: string;
    newTag?: string;
    digest?: string;
  }>;
  kubeConfig?: unknown;
}

/** One entry of a Kustomization's `status.history` (recent kustomize-controller releases; older ones have none). @public */
export interface RawKustomizationSnapshot {
  digest?: string;
  firstReconciled?: string;
  lastReconciled?: string;
  lastReconciledDuration?: string;
  /** The Ready reason of the reconciliation, e.g. `ReconciliationSucceeded`. */
  lastReconciledStatus?: string;
  totalReconciliations?: number;
  /** Carries the source `revision` of the snapshot. */
  metadata?: Record<string, string>;
}

/** `kustomize.toolkit.fluxcd.io/v1` `Kustomization` `status`. @public */
export interface RawKustomizationStatus {
  conditions?: RawFluxCondition[];
  observedGeneration?: number;
  /** The revision in effect, e.g. `main@sha1:<sha>`. */
  lastAppliedRevision?: string;
  /** The revision of the last attempt, successful or not. */
  lastAttemptedRevision?: string;
  lastAppliedOriginRevision?: string;
  lastHandledReconcileAt?: string;
  history?: RawKustomizationSnapshot[];
  inventory?: { entries?: Array<{ id?: string; v?: string }> };
}

/** `kustomize.toolkit.fluxcd.io/v1` `Kustomization`. @public */
export interface RawKustomization {
  apiVersion?: string;
  kind?: string;
  metadata?: RawFluxObjectMeta;
  spec?: RawKustomizationSpec;
  status?: RawKustomizationStatus;
}

/** `helm.toolkit.fluxcd.io/v2` remediation settings (`spec.install.remediation`, `spec.upgrade.remediation`). @public */
export interface RawHelmRemediation {
  retries?: number;
  /** `rollback` (default) or `uninstall`; upgrades only. */
  strategy?: string;
  remediateLastFailure?: boolean;
  ignoreTestFailures?: boolean;
}

/** `helm.toolkit.fluxcd.io/v2` `HelmRelease` `spec`, reduced to what we read. @public */
export interface RawHelmReleaseSpec {
  chart?: {
    spec?: {
      chart?: string;
      version?: string;
      sourceRef?: RawFluxSourceReference;
    };
  };
  chartRef?: RawFluxSourceReference;
  releaseName?: string;
  targetNamespace?: string;
  storageNamespace?: string;
  suspend?: boolean;
  interval?: string;
  dependsOn?: Array<{ name?: string; namespace?: string }>;
  install?: { remediation?: RawHelmRemediation };
  upgrade?: { remediation?: RawHelmRemediation };
  driftDetection?: { mode?: string };
  kubeConfig?: unknown;
}

/** One Helm release in a HelmRelease's `status.history`, newest first. @public */
export interface RawHelmReleaseSnapshot {
  apiVersion?: string;
  digest?: string;
  /** The Helm release name. */
  name?: string;
  namespace?: string;
  /** The Helm release revision (what `helm rollback <release> <revision>` takes). */
  version?: number;
  /** `deployed`, `superseded`, `failed`, `pending-upgrade`, … */
  status?: string;
  chartName?: string;
  chartVersion?: string;
  appVersion?: string;
  configDigest?: string;
  firstDeployed?: string;
  lastDeployed?: string;
  deleted?: string;
  ociDigest?: string;
  action?: string;
}

/** `helm.toolkit.fluxcd.io/v2` `HelmRelease` `status`. @public */
export interface RawHelmReleaseStatus {
  conditions?: RawFluxCondition[];
  observedGeneration?: number;
  history?: RawHelmReleaseSnapshot[];
  /** The chart version (plus `+<digest>` for OCI sources) of the last attempt. */
  lastAttemptedRevision?: string;
  lastAttemptedConfigDigest?: string;
  /** `install` or `upgrade`. */
  lastAttemptedReleaseAction?: string;
  failures?: number;
  installFailures?: number;
  upgradeFailures?: number;
  storageNamespace?: string;
  helmChart?: string;
}

/** `helm.toolkit.fluxcd.io/v2` `HelmRelease`. @public */
export interface RawHelmRelease {
  apiVersion?: string;
  kind?: string;
  metadata?: RawFluxObjectMeta;
  spec?: RawHelmReleaseSpec;
  status?: RawHelmReleaseStatus;
}

/** A Flux object as read from the cluster. @public */
export type RawFluxObject = RawKustomization | RawHelmRelease;
