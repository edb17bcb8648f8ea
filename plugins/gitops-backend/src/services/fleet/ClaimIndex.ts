import {
  targetClaims,
  type ApplicationSummary,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { Claimant } from './catalogClaimants';

/**
 * Finds the entities that claim an application without testing every
 * entity against every application: entities that name Argo CD
 * applications are looked up by name, and only those with a selector are
 * tried on each one; the final word is always `targetClaims`.
 */
export class ClaimIndex {
  readonly #byName = new Map<string, Claimant[]>();
  readonly #bySelector: Claimant[] = [];

  constructor(claimants: readonly Claimant[]) {
    for (const claimant of claimants) {
      const { target } = claimant;
      if (
        target.appSelector ||
        target.kubernetesId ||
        target.kubernetesLabelSelector
      ) {
        this.#bySelector.push(claimant);
      }
      if (!target.appSelector) {
        for (const name of target.appNames ?? []) {
          const named = this.#byName.get(name) ?? [];
          named.push(claimant);
          this.#byName.set(name, named);
        }
      }
    }
  }

  claimantsOf(
    app: ApplicationSummary,
    labels: Record<string, string>,
  ): Claimant[] {
    const candidates = new Set([
      ...(app.sourceKind === 'flux' ? [] : this.#byName.get(app.name) ?? []),
      ...this.#bySelector,
    ]);
    return [...candidates].filter(claimant =>
      targetClaims(claimant.target, app, labels),
    );
  }
}
