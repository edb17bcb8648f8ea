import type { ApplicationSummary, SourceError } from '../types';

/**
 * How an Argo CD Application sits among others: the ApplicationSet that
 * generated it (its owner reference) and the Applications it deploys
 * itself (an app of apps: Applications among its `status.resources`).
 * @public
 */
export type FleetLinks = {
  applicationSet?: string;
  /** Names of the child Applications, as `<namespace>/<name>`. */
  childApplications?: string[];
};

/** A catalog entity that claims an application through its GitOps annotations. @public */
export interface FleetClaimant {
  /** e.g. `component:default/payments-api`. */
  entityRef: string;
  /** `metadata.title`, when set. */
  title?: string;
  /** `spec.owner`, as an entity ref when it parses, e.g. `group:default/payments`. */
  owner?: string;
}

/** One row of the fleet view. @public */
export interface FleetApplication {
  application: ApplicationSummary;
  /** The readable entities that claim it; empty for an unclaimed application. */
  claimedBy: FleetClaimant[];
  /** The ApplicationSet that generated it (Argo CD only). */
  applicationSet?: string;
  /** The app-of-apps parent on the same instance, when the viewer may see it. */
  parent?: string;
}

/** `GET /api/gitops/fleet`. @public */
export interface FleetResponse {
  /** Applications claimed by entities the caller may read. */
  applications: FleetApplication[];
  /**
   * Applications no catalog entity claims (the catalog's blind spots);
   * present only for callers holding `gitops.fleet.read`.
   */
  unclaimed?: FleetApplication[];
  /** True when unclaimed applications were left out for lack of `gitops.fleet.read`. */
  unclaimedHidden?: boolean;
  /** Instances and clusters that could not be read in full. */
  errors: SourceError[];
}
