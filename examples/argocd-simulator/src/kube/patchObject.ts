import { mergePatch } from './mergePatch';
import type { ServedResource } from './resources';
import { badRequest, type KubeStatus } from './status';
import type { KubeObject } from './types';

/**
 * The object a JSON merge patch makes of `current`, with what the API server keeps out of a patch's reach: type
 * and identity (`apiVersion`, `kind`, `uid`, `creationTimestamp`) and, for a CRD with the status subresource, the
 * whole `status`. A patch that renames or moves the object is refused with the server's 400.
 */
export function patchedObject(
  current: KubeObject,
  patch: unknown,
  resource: ServedResource,
): KubeObject | KubeStatus {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return badRequest('the patch must be a JSON object');
  }
  const merged = mergePatch(current, patch) as KubeObject;
  const metadata = merged.metadata ?? {};
  if (metadata.name !== current.metadata.name) {
    return badRequest(
      `the name of the object (${String(
        metadata.name,
      )}) does not match the name on the URL (${current.metadata.name})`,
    );
  }
  if (metadata.namespace !== current.metadata.namespace) {
    return badRequest(
      `the namespace of the object (${String(
        metadata.namespace,
      )}) does not match the namespace on the URL (${String(
        current.metadata.namespace,
      )})`,
    );
  }
  const next: KubeObject = {
    ...merged,
    apiVersion: current.apiVersion,
    kind: current.kind,
    metadata: {
      ...metadata,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
    },
  };
  if (!next.metadata.creationTimestamp) {
    delete next.metadata.creationTimestamp;
  }
  if (resource.statusSubresource) {
    if (current.status === undefined) {
      delete next.status;
    } else {
      next.status = current.status;
    }
  }
  return next;
}
