import type { Entity } from '@backstage/catalog-model';

/** A catalog Component with the given annotations. */
export function componentWith(
  name: string,
  annotations: Record<string, string> = {},
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace, annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

/** `/api/gitops/entities/component/<namespace>/<name>/applications` */
export function applicationsPath(name: string, namespace = 'default'): string {
  return `/api/gitops/entities/component/${namespace}/${name}/applications`;
}

/** The detail route of one application of a component in the default namespace. */
export function detailPath(
  entity: string,
  instance: string,
  application: string,
): string {
  return `${applicationsPath(entity)}/${instance}/${application}`;
}
