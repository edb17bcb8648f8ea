import {
  asMessage,
  asRecord,
  asRecordArray,
  asString,
  copyStrings,
} from '../internal/json';
import { toHealthStatus, toSyncStatus } from '../status';
import type { HealthStatus, ResourceStatus } from '../types';

const SEVERITY: Record<HealthStatus, number> = {
  Degraded: 0,
  Missing: 1,
  Unknown: 2,
  Progressing: 3,
  Suspended: 4,
  Healthy: 5,
};

function keyOf(resource: ResourceStatus): string {
  return [
    resource.group ?? '',
    resource.kind,
    resource.namespace ?? '',
    resource.name,
  ].join('/');
}

function toResource(raw: Record<string, unknown>): ResourceStatus | undefined {
  const kind = asString(raw.kind);
  const name = asString(raw.name);
  if (!kind || !name) {
    return undefined;
  }
  const resource: ResourceStatus = { kind, name };
  copyStrings(resource, raw, ['group', 'namespace']);
  const health = asRecord(raw.health);
  const healthStatus = asString(health?.status);
  if (healthStatus) resource.health = toHealthStatus(healthStatus);
  const message = asMessage(health?.message);
  if (message) resource.message = message;
  return resource;
}

function needsAttention(resource: ResourceStatus): boolean {
  return (
    (resource.sync !== undefined && resource.sync !== 'Synced') ||
    (resource.health !== undefined && resource.health !== 'Healthy')
  );
}

/**
 * Merges `status.resources` (sync and, in older versions, health) with the
 * resource tree (live health of managed resources and their children).
 * Returns the resources that need attention, most severe first, and counts
 * of every resource that reports a health, by health.
 */
export function toResources(
  rawStatusResources: unknown,
  rawTree: unknown,
): { resources: ResourceStatus[]; resourceCounts: Record<string, number> } {
  const merged = new Map<string, ResourceStatus>();

  for (const raw of asRecordArray(rawStatusResources)) {
    const resource = toResource(raw);
    if (!resource) continue;
    const syncStatus = asString(raw.status);
    if (syncStatus) resource.sync = toSyncStatus(syncStatus);
    merged.set(keyOf(resource), {
      ...merged.get(keyOf(resource)),
      ...resource,
    });
  }

  // The tree is the live view, so its health wins over status.resources.
  for (const raw of asRecordArray(asRecord(rawTree)?.nodes)) {
    const node = toResource(raw);
    if (!node) continue;
    const existing = merged.get(keyOf(node));
    merged.set(keyOf(node), {
      ...existing,
      ...node,
      sync: existing?.sync,
      message: node.message ?? existing?.message,
    });
  }

  const resourceCounts: Record<string, number> = {};
  const resources: ResourceStatus[] = [];
  for (const resource of merged.values()) {
    if (resource.sync === undefined) delete resource.sync;
    if (resource.message === undefined) delete resource.message;
    if (resource.health) {
      resourceCounts[resource.health] =
        (resourceCounts[resource.health] ?? 0) + 1;
    }
    if (needsAttention(resource)) {
      resources.push(resource);
    }
  }
  const rank = (resource: ResourceStatus) =>
    resource.health ? SEVERITY[resource.health] : SEVERITY.Healthy;
  resources.sort((a, b) => rank(a) - rank(b));
  return { resources, resourceCounts };
}
