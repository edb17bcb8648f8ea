import { asRecord, asString } from '../internal/json';
import type { FleetLinks } from './types';

const ARGOPROJ_GROUP = 'argoproj.io';

function isArgoProj(apiVersionOrGroup: unknown): boolean {
  const text = asString(apiVersionOrGroup);
  return text === ARGOPROJ_GROUP || !!text?.startsWith(`${ARGOPROJ_GROUP}/`);
}

/**
 * The {@link FleetLinks} of a raw Argo CD Application: the ApplicationSet
 * among `metadata.ownerReferences` (the controller one first), and the
 * `argoproj.io` Applications among `status.resources`.
 * @public
 */
export function fleetLinksOf(raw: unknown): FleetLinks {
  const app = asRecord(raw);
  const links: FleetLinks = {};
  const owners = asRecord(app?.metadata)?.ownerReferences;
  if (Array.isArray(owners)) {
    const sets = owners
      .map(asRecord)
      .filter(
        owner =>
          owner?.kind === 'ApplicationSet' && isArgoProj(owner.apiVersion),
      );
    const set = sets.find(owner => owner?.controller === true) ?? sets[0];
    const name = asString(set?.name);
    if (name) links.applicationSet = name;
  }
  const resources = asRecord(app?.status)?.resources;
  if (Array.isArray(resources)) {
    const children = resources
      .map(asRecord)
      .filter(
        resource =>
          resource?.kind === 'Application' && isArgoProj(resource.group),
      )
      .flatMap(resource => {
        const name = asString(resource?.name);
        return name ? [`${asString(resource?.namespace) ?? ''}/${name}`] : [];
      });
    if (children.length > 0) links.childApplications = children;
  }
  return links;
}

/**
 * The string-valued `metadata.labels` of a raw Kubernetes object (an Argo
 * CD Application or a Flux object); `{}` when there are none.
 * @public
 */
export function labelsOf(raw: unknown): Record<string, string> {
  const labels = asRecord(asRecord(asRecord(raw)?.metadata)?.labels);
  return Object.fromEntries(
    Object.entries(labels ?? {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
