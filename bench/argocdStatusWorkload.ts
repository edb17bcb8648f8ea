import type { Entity } from '@backstage/catalog-model';
import type {
  ApplicationDetail,
  ApplicationsResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';

/**
 * The workload of the Argo CD status bench: how many applications and
 * entities, which services each measurement uses, and the routes and answer
 * checks of a card and a detail load.
 */

export const APPLICATIONS = 1000;
export const HISTORY_LENGTH = 20;
export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
/** Services with all three environments (`svc-0000` … `svc-0332`). */
export const SERVICES = Math.floor(APPLICATIONS / ENVIRONMENTS.length);
export const CARD_COLD_LOADS = 200;
export const DETAIL_COLD_LOADS = 100;
export const WARM_ROUNDS = 3;
export const CONCURRENT_LOADS = 200;
/** Added to every upstream answer during the concurrency runs, so all loads overlap the first upstream call. */
export const CONCURRENT_UPSTREAM_LATENCY_MS = 200;
/** Long enough that "warm" stays warm for the whole run. */
export const CACHE_TTL_SECONDS = 600;

// Which services each measurement uses, so "cold" is never warmed by another one.
export const SHOWCASE = {
  card: 1,
  detail: 2,
  concurrentCard: 3,
  concurrentDetail: 4,
};
export const CARD_SERIES_FIRST = 10;
export const DETAIL_SERIES_FIRST = CARD_SERIES_FIRST + CARD_COLD_LOADS;
export const TTL_EXPIRY_SERVICE = 320;
export const WARM_UP_SERVICES = [330, 331];

export const serviceName = (index: number) =>
  `svc-${String(index).padStart(4, '0')}`;

/** The generator deals apps round-robin over `central` and `edge`. */
export function prodApplication(service: number) {
  const index = service * ENVIRONMENTS.length + 2;
  return {
    instance: index % 2 === 0 ? 'central' : 'edge',
    name: `${serviceName(service)}-prod`,
  };
}

export function serviceEntity(service: number): Entity {
  const name = serviceName(service);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'argocd/app-selector': `app.kubernetes.io/part-of=${name}`,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-load' },
  };
}

export const cardPath = (service: number) =>
  `/api/gitops/entities/component/default/${serviceName(service)}/applications`;

export function detailPath(service: number) {
  const app = prodApplication(service);
  return `${cardPath(service)}/${app.instance}/${encodeURIComponent(app.name)}`;
}

export function checkCard(body: ApplicationsResponse, service: number): void {
  if (body.applications.length !== ENVIRONMENTS.length || body.errors.length) {
    throw new Error(
      `${serviceName(service)}: expected ${
        ENVIRONMENTS.length
      } applications and no errors, got ${JSON.stringify(body).slice(0, 300)}`,
    );
  }
}

/** Distinct history revisions: each is one metadata call the first time it is seen. */
export function checkDetail(body: ApplicationDetail, service: number): number {
  if (body.history.length !== HISTORY_LENGTH) {
    throw new Error(
      `${serviceName(
        service,
      )}: expected ${HISTORY_LENGTH} history entries, got ${
        body.history.length
      }`,
    );
  }
  if (!body.history.every(entry => entry.author)) {
    throw new Error(`${serviceName(service)}: history without commit authors`);
  }
  return new Set(body.history.map(entry => entry.revision)).size;
}
