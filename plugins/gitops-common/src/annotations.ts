import type { Entity } from '@backstage/catalog-model';
import { truncate } from './internal/json';
import {
  validateApplicationName,
  validateInstanceName,
  validateLabelSelector,
  validateLabelValue,
  validateNamespace,
} from './validation';

/** Comma-separated Argo CD application names. @public */
export const ARGOCD_ANNOTATION_APP_NAME = 'argocd/app-name';
/** A label selector matching Argo CD applications. @public */
export const ARGOCD_ANNOTATION_APP_SELECTOR = 'argocd/app-selector';
/** Comma-separated Argo CD projects that narrow the selection. @public */
export const ARGOCD_ANNOTATION_PROJECT_NAME = 'argocd/project-name';
/** The namespace of the Argo CD applications ("apps in any namespace"). @public */
export const ARGOCD_ANNOTATION_APP_NAMESPACE = 'argocd/app-namespace';
/** Comma-separated configured instance names to query (default: all). @public */
export const ARGOCD_ANNOTATION_INSTANCE_NAME = 'argocd/instance-name';
/** Backstage's Kubernetes id, matched against the `backstage.io/kubernetes-id` label. @public */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
/** Backstage's Kubernetes label selector annotation. @public */
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';

/**
 * The annotations that, on their own, point at GitOps objects. The others
 * (project, namespace, instance) only narrow a selection.
 * @public
 */
export const GITOPS_TARGET_ANNOTATIONS: readonly string[] = [
  ARGOCD_ANNOTATION_APP_NAME,
  ARGOCD_ANNOTATION_APP_SELECTOR,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
];

/**
 * Most names {@link ARGOCD_ANNOTATION_APP_NAME} may list. Each name is
 * looked up on every instance, so the bound keeps one entity from turning
 * into thousands of upstream reads or an unbounded answer.
 * @public
 */
export const MAX_ARGOCD_APP_NAMES = 50;
/** Most projects {@link ARGOCD_ANNOTATION_PROJECT_NAME} may list; they end up in the upstream query. @public */
export const MAX_ARGOCD_PROJECT_NAMES = 20;
/** Most instances {@link ARGOCD_ANNOTATION_INSTANCE_NAME} may list. @public */
export const MAX_ARGOCD_INSTANCE_NAMES = 20;

/** What an entity's annotations point at, validated. @public */
export interface GitOpsTarget {
  appNames?: string[];
  appSelector?: string;
  projects?: string[];
  appNamespace?: string;
  instances?: string[];
  kubernetesId?: string;
  kubernetesLabelSelector?: string;
}

/** The outcome of reading an entity's GitOps annotations. @public */
export type GitOpsTargetResult =
  | { ok: true; value: GitOpsTarget }
  | { ok: false; errors: string[] };

const MAX_SHOWN_VALUE = 60;
/** Invalid items of one list shown one by one; the rest are only counted. */
const MAX_SHOWN_INVALID_ITEMS = 3;

function annotationValue(entity: Entity, key: string): string | undefined {
  const value = entity?.metadata?.annotations?.[key];
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map(item => item.trim())
    .filter(item => item !== '');
}

function invalid(annotation: string, value: string, reason: string): string {
  return `Invalid ${annotation} value ${JSON.stringify(
    truncate(value, MAX_SHOWN_VALUE),
  )}: ${reason}`;
}

/**
 * True when the entity carries at least one non-blank annotation of
 * {@link GITOPS_TARGET_ANNOTATIONS}. Use it with `EntitySwitch`.
 * @public
 */
export function hasGitOpsAnnotations(entity: Entity): boolean {
  return GITOPS_TARGET_ANNOTATIONS.some(
    key => annotationValue(entity, key) !== undefined,
  );
}

/** One of the validators in `validation.ts`: an error message, or undefined. */
type Validator = (item: string) => string | undefined;

/**
 * A comma list annotation, de-duplicated. A list longer than `max` adds one
 * error; otherwise each bad item adds one, up to a few, and the rest are
 * counted, so that no annotation makes an unbounded message.
 */
function readListAnnotation(
  entity: Entity,
  annotation: string,
  max: number,
  validate: Validator,
  errors: string[],
): string[] | undefined {
  const raw = annotationValue(entity, annotation);
  if (raw === undefined) {
    return undefined;
  }
  const items = [...new Set(splitList(raw))];
  if (items.length > max) {
    errors.push(
      `Too many values in ${annotation}: it lists ${items.length}, at most ${max} are allowed`,
    );
    return items.slice(0, max);
  }
  let invalidCount = 0;
  for (const item of items) {
    const error = validate(item);
    if (error) {
      invalidCount += 1;
      if (invalidCount <= MAX_SHOWN_INVALID_ITEMS) {
        errors.push(invalid(annotation, item, error));
      }
    }
  }
  if (invalidCount > MAX_SHOWN_INVALID_ITEMS) {
    const more = invalidCount - MAX_SHOWN_INVALID_ITEMS;
    errors.push(
      `…and ${more} more invalid ${annotation} value${more === 1 ? '' : 's'}`,
    );
  }
  return items.length > 0 ? items : undefined;
}

/** A single-value annotation; a bad value adds to `errors`. */
function readOneAnnotation(
  entity: Entity,
  annotation: string,
  validate: Validator,
  errors: string[],
): string | undefined {
  const raw = annotationValue(entity, annotation);
  if (raw === undefined) {
    return undefined;
  }
  const error = validate(raw);
  if (error) {
    errors.push(invalid(annotation, raw, error));
  }
  return raw;
}

/**
 * Reads and validates the entity's GitOps annotations. Comma lists are
 * trimmed, de-duplicated and empty items dropped, and may list at most
 * {@link MAX_ARGOCD_APP_NAMES}, {@link MAX_ARGOCD_PROJECT_NAMES} and
 * {@link MAX_ARGOCD_INSTANCE_NAMES} values; every value is validated, and
 * each error names the annotation and the (truncated) bad value, the first
 * few bad values of a list only. An entity without any target annotation is
 * an error too.
 * @public
 */
export function readGitOpsAnnotations(entity: Entity): GitOpsTargetResult {
  const errors: string[] = [];
  const value: GitOpsTarget = {};
  const readList = (annotation: string, max: number, validate: Validator) =>
    readListAnnotation(entity, annotation, max, validate, errors);
  const readOne = (annotation: string, validate: Validator) =>
    readOneAnnotation(entity, annotation, validate, errors);

  value.appNames = readList(
    ARGOCD_ANNOTATION_APP_NAME,
    MAX_ARGOCD_APP_NAMES,
    validateApplicationName,
  );
  value.appSelector = readOne(
    ARGOCD_ANNOTATION_APP_SELECTOR,
    validateLabelSelector,
  );
  value.projects = readList(
    ARGOCD_ANNOTATION_PROJECT_NAME,
    MAX_ARGOCD_PROJECT_NAMES,
    validateApplicationName,
  );
  value.appNamespace = readOne(
    ARGOCD_ANNOTATION_APP_NAMESPACE,
    validateNamespace,
  );
  value.instances = readList(
    ARGOCD_ANNOTATION_INSTANCE_NAME,
    MAX_ARGOCD_INSTANCE_NAMES,
    validateInstanceName,
  );
  value.kubernetesId = readOne(KUBERNETES_ID_ANNOTATION, validateLabelValue);
  value.kubernetesLabelSelector = readOne(
    KUBERNETES_LABEL_SELECTOR_ANNOTATION,
    validateLabelSelector,
  );

  if (
    !value.appNames &&
    !value.appSelector &&
    !value.kubernetesId &&
    !value.kubernetesLabelSelector
  ) {
    errors.push(
      `None of the annotations ${GITOPS_TARGET_ANNOTATIONS.join(', ')} is set`,
    );
  }

  if (errors.length > 0) {
    return { ok: false, errors };
  }
  for (const key of Object.keys(value) as Array<keyof GitOpsTarget>) {
    if (value[key] === undefined) {
      delete value[key];
    }
  }
  return { ok: true, value };
}
