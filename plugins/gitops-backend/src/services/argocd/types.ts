import type {
  ApplicationDetail,
  ApplicationsResponse,
  GitOpsTarget,
} from '@gitops-guide/backstage-plugin-gitops-common';

/** One application as the detail route names it. @public */
export interface ApplicationRef {
  /** Configured instance name. */
  instance: string;
  /** Argo CD application name. */
  name: string;
  /** Namespace of the Application object, when the caller knows it. */
  appNamespace?: string;
}

/**
 * Argo CD status for what an entity's annotations select. Implementations
 * only ever fetch applications the target selects.
 * @public
 */
export interface ArgoCdStatusService {
  /**
   * Summaries of every application the target selects, from every targeted
   * instance in parallel. A failing instance becomes an entry in `errors`;
   * it never hides the applications of the others.
   */
  getApplications(target: GitOpsTarget): Promise<ApplicationsResponse>;

  /**
   * The detail of one application, with history and resources. Throws
   * `NotFoundError` when the target does not select it (checked before any
   * detail call), and an `ArgoCdError` when Argo CD fails.
   */
  getApplicationDetail(
    target: GitOpsTarget,
    application: ApplicationRef,
  ): Promise<ApplicationDetail>;
}
