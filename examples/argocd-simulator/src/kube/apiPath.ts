import { KNOWN_RESOURCES, type ServedResource } from './resources';

/** What a path of the custom resource API names: a collection (no `name`) or one object. */
export interface ApiTarget {
  group: string;
  version: string;
  plural: string;
  namespace?: string;
  name?: string;
}

/**
 * `/apis/<group>/<version>/<plural>` (every namespace), `/apis/<group>/<version>/namespaces/<ns>/<plural>` and
 * `/apis/<group>/<version>/namespaces/<ns>/<plural>/<name>` → their parts; undefined for any other path.
 */
export function parseApiPath(path: string): ApiTarget | undefined {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'apis') {
    return undefined;
  }
  const [, group, version] = parts;
  if (parts.length === 4) {
    return { group, version, plural: parts[3] };
  }
  if ((parts.length === 6 || parts.length === 7) && parts[3] === 'namespaces') {
    return {
      group,
      version,
      namespace: parts[4],
      plural: parts[5],
      name: parts[6],
    };
  }
  return undefined;
}

/** The known resource a path is about, whether or not it is served now. */
export function resourceOf(
  target: ApiTarget | undefined,
): ServedResource | undefined {
  return (
    target &&
    KNOWN_RESOURCES.find(
      known =>
        known.group === target.group &&
        known.version === target.version &&
        known.plural === target.plural,
    )
  );
}
