import type {
  ApplicationDetail,
  ApplicationsResponse,
  FluxKind,
  GitOpsTarget,
} from '@gitops-guide/backstage-plugin-gitops-common';

/** The kinds the Kubernetes route reads: Argo CD `Application`s and Flux objects. @public */
export type KubernetesObjectKind = 'Application' | FluxKind;

/** Every {@link KubernetesObjectKind}. @public */
export const KUBERNETES_OBJECT_KINDS: readonly KubernetesObjectKind[] = [
  'Application',
  'Kustomization',
  'HelmRelease',
];

/** One object as the detail route names it. @public */
export interface KubernetesObjectRef {
  /** Configured cluster name. */
  instance: string;
  /** Object name. */
  name: string;
  /** Namespace of the object, when the caller knows it. */
  namespace?: string;
  /** The kind, needed only when names repeat across kinds. */
  kind?: KubernetesObjectKind;
}

/**
 * GitOps status read straight from Kubernetes: Argo CD `Application`
 * resources (clusters with `argocdNamespaces`) and Flux `Kustomization`s and
 * `HelmRelease`s (clusters with `flux`), normalized into the same model as the
 * Argo CD API route. Implementations only ever list what the target selects.
 * @public
 */
export interface KubernetesStatusService {
  /** Clusters that serve Argo CD Applications: Argo CD instance names for `argocd/instance-name`. */
  argoCdInstances(): string[];

  /** True when `name` is a configured cluster. */
  hasCluster(name: string): boolean;

  /**
   * Summaries of every Argo CD Application and Flux object the target
   * selects, from every cluster in parallel. A failing cluster becomes an
   * entry in `errors`; it never hides the objects of the others.
   */
  getApplications(target: GitOpsTarget): Promise<ApplicationsResponse>;

  /**
   * The detail of one selected object, from the same (usually cached) list
   * call. Throws `NotFoundError` when the target does not select it,
   * `InputError` when the name is ambiguous without `kind` or `namespace`, and
   * a `KubernetesError` when the cluster fails.
   */
  getApplicationDetail(
    target: GitOpsTarget,
    ref: KubernetesObjectRef,
  ): Promise<ApplicationDetail>;
}
