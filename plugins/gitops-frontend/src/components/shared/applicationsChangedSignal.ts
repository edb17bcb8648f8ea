import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ChangedApplication } from '@gitops-guide/backstage-plugin-gitops-common';

function isChangedApplication(value: unknown): value is ChangedApplication {
  const app = value as Partial<ChangedApplication> | null;
  return (
    typeof app?.instance === 'string' &&
    typeof app.name === 'string' &&
    typeof app.namespace === 'string'
  );
}

/**
 * The applications a signal on `GITOPS_SIGNAL_CHANNEL` says changed, when it
 * is about `entityRef` (compared case-insensitively); undefined for another
 * entity or a message of another shape.
 */
export function changedApplicationsOf(
  signal: Record<string, unknown> | null,
  entityRef: CompoundEntityRef,
): ChangedApplication[] | undefined {
  const { entityRef: ref, applications } = signal ?? {};
  if (
    typeof ref !== 'string' ||
    ref.toLocaleLowerCase('en-US') !==
      stringifyEntityRef(entityRef).toLocaleLowerCase('en-US') ||
    !Array.isArray(applications)
  ) {
    return undefined;
  }
  return applications.filter(isChangedApplication);
}

/**
 * What tells a repeat of a signal (another backend replica may push the same
 * change) from a new one: the entity and its applications at their versions.
 * Undefined when an application comes without a `resourceVersion`, or none
 * comes: nothing then tells a repeat from a second change, which must not be
 * missed.
 */
export function changeIdentity(
  entityRef: CompoundEntityRef,
  applications: ChangedApplication[],
): string | undefined {
  if (!applications.length || applications.some(app => !app.resourceVersion)) {
    return undefined;
  }
  const versions = applications
    .map(
      app =>
        `${app.instance}/${app.namespace}/${app.name}@${app.resourceVersion}`,
    )
    .sort();
  return [stringifyEntityRef(entityRef), ...versions].join(' ');
}
