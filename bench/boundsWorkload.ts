import type { Entity } from '@backstage/catalog-model';

/**
 * The workload of the `bounds` bench: the simulator's generated data, the
 * catalog entities and the routes a card, a detail and a health check load.
 */

/** The simulator's generated data: few apps, so the list faults stand out. */
export const BOUNDS_APPLICATIONS = 60;
export const BOUNDS_HISTORY_LENGTH = 10;
/** Entities whose cards each make a list call of their own (different selectors). */
export const BIG_ENTITIES = 5;

export const entityName = {
  /** Selects `svc-0000` on central: warm-up. */
  central: 'bounds-central',
  /** Selects `svc-0001` on central: the detail with hanging metadata (never loaded before, so no metadata cached). */
  detail: 'bounds-detail',
  /** Selects `svc-0000` on edge: the refused login. */
  edge: 'bounds-edge',
  /** Selects `big-<i>` on central: answered by the oversize fault whatever the selector. */
  big: (index: number) => `bounds-big-${index}`,
  /** Warm-up of the sliced parse and normalization on a small accepted oversize list. */
  warmUp: 'bounds-warm-up',
  /**
   * Two names in `argocd/app-name`: the backend lists the instance and keeps
   * those two, the realistic way a card meets a maximum-size answer.
   */
  accepted: 'bounds-accepted',
};

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-bench' },
  };
}

const selecting = (selector: string, instance: string) => ({
  'argocd/app-selector': selector,
  'argocd/instance-name': instance,
});

export function boundsEntities(): Entity[] {
  return [
    component(
      entityName.central,
      selecting('app.kubernetes.io/part-of=svc-0000', 'central'),
    ),
    component(
      entityName.detail,
      selecting('app.kubernetes.io/part-of=svc-0001', 'central'),
    ),
    component(
      entityName.edge,
      selecting('app.kubernetes.io/part-of=svc-0000', 'edge'),
    ),
    component(
      entityName.warmUp,
      selecting('app.kubernetes.io/part-of=warm', 'central'),
    ),
    component(entityName.accepted, {
      'argocd/app-name': 'oversize-00000001,oversize-00000002',
      'argocd/instance-name': 'central',
    }),
    ...Array.from({ length: BIG_ENTITIES }, (_, index) =>
      component(
        entityName.big(index),
        selecting(`app.kubernetes.io/part-of=big-${index}`, 'central'),
      ),
    ),
  ];
}

export const cardPath = (entity: string) =>
  `/api/gitops/entities/component/default/${entity}/applications`;

export const detailPath = (entity: string, instance: string, app: string) =>
  `${cardPath(entity)}/${instance}/${encodeURIComponent(app)}`;

export const HEALTH_PATH = '/api/gitops/health';
