import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  gitopsFleetReadPermission,
  sortFleet,
  type FleetApplication,
  type FleetResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type {
  ApplicationStatusService,
  FleetCandidate,
} from '../applications/types';
import { catalogClaimants, type Claimant } from './catalogClaimants';
import { ClaimIndex } from './ClaimIndex';

/** A claimant as the response shows it: without its annotations' target. */
function shown({ target: _target, ...claimant }: Claimant) {
  return claimant;
}

function row(
  candidate: FleetCandidate,
  claimedBy: Claimant[],
): FleetApplication {
  return {
    application: candidate.application,
    claimedBy: claimedBy.map(shown),
    ...(candidate.links.applicationSet
      ? { applicationSet: candidate.links.applicationSet }
      : {}),
  };
}

/**
 * Sets each row's app-of-apps parent: an Application on the same instance
 * whose resources include it, when the viewer sees that parent too.
 */
function linkParents(candidates: Map<FleetApplication, FleetCandidate>): void {
  const parents = new Map<string, string>();
  for (const [shownRow, candidate] of candidates) {
    const { instance, name } = shownRow.application;
    for (const child of candidate.links.childApplications ?? []) {
      const [namespace, childName] = child.split('/');
      parents.set(`${instance}|${namespace}/${childName}`, name);
      parents.set(`${instance}|/${childName}`, name);
    }
  }
  for (const fleetRow of candidates.keys()) {
    const { instance, namespace, name } = fleetRow.application;
    const parent =
      parents.get(`${instance}|${namespace}/${name}`) ??
      parents.get(`${instance}|/${name}`);
    if (parent && parent !== name) fleetRow.parent = parent;
  }
}

/**
 * The fleet view: every application of every source, joined to the
 * catalog entities that claim it through their GitOps annotations.
 * A caller sees the applications of entities they may read (the catalog
 * decides, with their credentials); applications that no entity claims
 * at all are shown only to holders of `gitops.fleet.read`. An application
 * claimed only by entities the caller may not read is not shown.
 */
export class FleetReader {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #permissions: PermissionsService;
  readonly #applications: ApplicationStatusService;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    permissions: PermissionsService;
    applications: ApplicationStatusService;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#permissions = options.permissions;
    this.#applications = options.applications;
  }

  async read(
    credentials: BackstageCredentials,
    options: { refresh?: boolean } = {},
  ): Promise<FleetResponse> {
    const [decision] = await this.#permissions.authorize(
      [{ permission: gitopsFleetReadPermission }],
      { credentials },
    );
    const mayListUnclaimed = decision.result === AuthorizeResult.ALLOW;
    const [readable, everyone, fleet] = await Promise.all([
      catalogClaimants(this.#catalog, credentials),
      mayListUnclaimed
        ? this.#auth
            .getOwnServiceCredentials()
            .then(own => catalogClaimants(this.#catalog, own))
        : undefined,
      this.#applications.listFleet
        ? this.#applications.listFleet({
            refresh: options.refresh,
            // Every viewer shares one fleet refresh per interval.
            refreshKey: 'fleet',
          })
        : { applications: [], errors: [] },
    ]);

    const readableIndex = new ClaimIndex(readable);
    const everyoneIndex = everyone && new ClaimIndex(everyone);
    const claimed: FleetApplication[] = [];
    const unclaimed: FleetApplication[] = [];
    const shownRows = new Map<FleetApplication, FleetCandidate>();
    for (const candidate of fleet.applications) {
      const { application, labels } = candidate;
      const claimants = readableIndex.claimantsOf(application, labels);
      if (claimants.length > 0) {
        const claimedRow = row(candidate, claimants);
        claimed.push(claimedRow);
        shownRows.set(claimedRow, candidate);
      } else if (
        everyoneIndex &&
        everyoneIndex.claimantsOf(application, labels).length === 0
      ) {
        const unclaimedRow = row(candidate, []);
        unclaimed.push(unclaimedRow);
        shownRows.set(unclaimedRow, candidate);
      }
    }
    linkParents(shownRows);
    return {
      applications: sortFleet(claimed),
      ...(mayListUnclaimed
        ? { unclaimed: sortFleet(unclaimed) }
        : { unclaimedHidden: true }),
      errors: fleet.errors,
    };
  }
}
