import type { Entity } from '@backstage/catalog-model';

/**
 * The workload of the `watch` bench: 10,000 generated applications on each
 * of `central` and `edge` (`svc-NNNN-{dev,staging,prod}`, dealt
 * round-robin), entities that select them, and the multi-name entities of
 * the `argocd/app-name` case.
 */

export const APPLICATIONS = 20_000;
/** Argo CD keeps 10 history entries per application by default. */
export const HISTORY_LENGTH = 10;
export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export const SERVICES = Math.floor(APPLICATIONS / ENVIRONMENTS.length);
/** Entities in the catalog: every 10th service, so selections spread over the whole store. */
export const ENTITY_SERVICES = Array.from(
  { length: Math.floor(SERVICES / 10) },
  (_, index) => index * 10,
);
export const STEADY_CARD_LOADS = 600;
export const CHANGE_SAMPLES = 100;
/** How often the bench looks for a change in the card, in ms. */
export const CHANGE_POLL_MS = 5;

export const serviceName = (index: number) =>
  `svc-${String(index).padStart(4, '0')}`;

export const multiNameEntity = (service: number) =>
  `multi-${serviceName(service)}`;

/** The generator deals apps round-robin over `central` and `edge`. */
export function prodApplication(service: number) {
  const index = service * ENVIRONMENTS.length + 2;
  return {
    instance: index % 2 === 0 ? 'central' : 'edge',
    name: `${serviceName(service)}-prod`,
  };
}

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-load' },
  };
}

/** One selector entity per service in {@link ENTITY_SERVICES}, and a multi-name twin of each. */
export function watchEntities(): Entity[] {
  return ENTITY_SERVICES.flatMap(service => {
    const name = serviceName(service);
    return [
      component(name, {
        'argocd/app-selector': `app.kubernetes.io/part-of=${name}`,
      }),
      component(multiNameEntity(service), {
        'argocd/app-name': ENVIRONMENTS.map(env => `${name}-${env}`).join(','),
      }),
    ];
  });
}

export const cardPath = (entity: string) =>
  `/api/gitops/entities/component/default/${entity}/applications`;
