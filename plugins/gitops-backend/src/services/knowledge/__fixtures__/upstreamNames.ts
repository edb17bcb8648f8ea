/**
 * Names the bundled content may use that Argo CD and Flux define, checked in
 * with the upstream file each was read from. The content tests compare the
 * content against these lists (and against the CRDs in `shared/` where those
 * exist), so a misremembered reason or API version fails a test instead of
 * reaching a reader. Update a list only from the upstream source it names.
 */

/**
 * Argo CD `ApplicationCondition` types: the `ApplicationCondition*`
 * constants of argoproj/argo-cd `pkg/apis/application/v1alpha1/types.go`
 * (swagger.json types the field as a plain string).
 */
export const ARGOCD_CONDITION_TYPES: readonly string[] = [
  'DeletionError',
  'InvalidSpecError',
  'ComparisonError',
  'SyncError',
  'UnknownError',
  'SharedResourceWarning',
  'RepeatedResourceWarning',
  'ExcludedResourceWarning',
  'OrphanedResourceWarning',
];

/**
 * Condition reasons a Flux Kustomization or HelmRelease (the Flux kinds the
 * plugin reads) can report, by the upstream file that defines them.
 */
export const FLUX_CONDITION_REASONS: Readonly<
  Record<string, readonly string[]>
> = {
  // fluxcd/pkg apis/meta/conditions.go, shared by every toolkit controller.
  'fluxcd/pkg apis/meta': [
    'ReconciliationSucceeded',
    'ReconciliationFailed',
    'Progressing',
    'ProgressingWithRetry',
    'DependencyNotReady',
    'Suspended',
    'Succeeded',
    'Failed',
  ],
  // fluxcd/kustomize-controller api/v1/condition_types.go.
  'kustomize-controller api/v1': [
    'PruneFailed',
    'ArtifactFailed',
    'BuildFailed',
    'HealthCheckFailed',
    'DependencyNotReady',
    'ReconciliationSucceeded',
    'ReconciliationFailed',
    'ProgressingWithRetry',
  ],
  // fluxcd/helm-controller api/v2/condition_types.go.
  'helm-controller api/v2': [
    'InstallSucceeded',
    'InstallFailed',
    'UpgradeSucceeded',
    'UpgradeFailed',
    'TestSucceeded',
    'TestFailed',
    'RollbackSucceeded',
    'RollbackFailed',
    'UninstallSucceeded',
    'UninstallFailed',
    'ArtifactFailed',
    'InitFailed',
    'GetLastReleaseFailed',
    'DependencyNotReady',
    'ReconciliationSucceeded',
    'ReconciliationFailed',
  ],
  // Literal reasons in fluxcd/helm-controller internal/reconcile/atomic_release.go
  // (Stalled when remediation retries are used up or no rollback target
  // exists) and internal/controller/helmrelease_controller.go.
  'helm-controller reconcilers': [
    'RetriesExceeded',
    'MissingRollbackTarget',
    'StateError',
    'ReconcileError',
    'SourceNotReady',
    'ValuesError',
    'ChartMutateError',
    'RESTClientError',
  ],
  // fluxcd/source-controller api/v1/condition_types.go: reasons a source
  // reports, which consumers quote in their own messages.
  'source-controller api/v1': [
    'URLInvalid',
    'AuthenticationFailed',
    'VerificationError',
    'DirectoryCreationFailed',
    'StatOperationFailed',
    'ReadOperationFailed',
    'AcquireLockFailed',
    'InvalidPath',
    'ArchiveOperationFailed',
    'SymlinkUpdateFailed',
    'ArtifactUpToDate',
    'CacheOperationFailed',
  ],
};

/** A custom resource kind and the API versions its CRD serves. */
export interface ServedKind {
  group: string;
  kind: string;
  /** Served versions that are not deprecated. */
  served: readonly string[];
  /** Served versions the CRD marks `deprecated: true`: examples must not use them. */
  deprecated?: readonly string[];
  /** Where the versions were read. */
  source: string;
}

/**
 * Argo CD and Flux kinds whose CRDs are not in `shared/`. Application,
 * Kustomization and HelmRelease are read from the CRDs in `shared/argocd` and
 * `shared/flux` by the test itself.
 */
export const CHECKED_IN_KINDS: readonly ServedKind[] = [
  {
    group: 'argoproj.io',
    kind: 'AppProject',
    served: ['v1alpha1'],
    source: 'argoproj/argo-cd manifests/crds/appproject-crd.yaml',
  },
  {
    group: 'argoproj.io',
    kind: 'ApplicationSet',
    served: ['v1alpha1'],
    source: 'argoproj/argo-cd manifests/crds/applicationset-crd.yaml',
  },
  {
    group: 'argoproj.io',
    kind: 'Rollout',
    served: ['v1alpha1'],
    source: 'argoproj/argo-rollouts manifests/crds/rollout-crd.yaml',
  },
  {
    group: 'source.toolkit.fluxcd.io',
    kind: 'GitRepository',
    served: ['v1'],
    source:
      'shared/flux/kustomization-example-production.yaml (kustomize-controller test data)',
  },
  {
    group: 'notification.toolkit.fluxcd.io',
    kind: 'Alert',
    served: ['v1beta3'],
    deprecated: ['v1beta2'],
    source:
      'fluxcd/notification-controller config/crd/bases/notification.toolkit.fluxcd.io_alerts.yaml',
  },
  {
    group: 'image.toolkit.fluxcd.io',
    kind: 'ImageRepository',
    served: ['v1'],
    deprecated: ['v1beta2'],
    source:
      'fluxcd/image-reflector-controller config/crd/bases/image.toolkit.fluxcd.io_imagerepositories.yaml (v1 since Flux 2.7)',
  },
  {
    group: 'image.toolkit.fluxcd.io',
    kind: 'ImagePolicy',
    served: ['v1'],
    deprecated: ['v1beta2'],
    source:
      'fluxcd/image-reflector-controller config/crd/bases/image.toolkit.fluxcd.io_imagepolicies.yaml (v1 since Flux 2.7)',
  },
  {
    group: 'image.toolkit.fluxcd.io',
    kind: 'ImageUpdateAutomation',
    served: ['v1'],
    source:
      'fluxcd/image-automation-controller image.toolkit.fluxcd.io_imageupdateautomations.yaml (v1 since Flux 2.7)',
  },
];
