import {
  matchesLabelSelector,
  parseLabelSelector,
  type ApplicationDetail,
  type FleetLinks,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { byName } from '../../applications/targeting';

/** One object as a cluster watch keeps it: normalized as a detail, with what selection needs. */
export interface WatchedObject {
  detail: ApplicationDetail;
  /** `metadata.labels`, for label selectors. */
  labels: Record<string, string>;
  /** Its ApplicationSet and child Applications (Argo CD only), for the fleet view. */
  links: FleetLinks;
  /** `metadata.resourceVersion`: opaque, only compared for equality. */
  resourceVersion?: string;
}

/** A change the store applied. */
export interface WatchedChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** The object after the change; the last one held for a deletion. */
  object: WatchedObject;
}

/** What the list call of a selection would have picked. */
export interface ObjectSelection {
  /** Only objects in these namespaces. */
  namespaces?: readonly string[];
  /** A Kubernetes label selector; it must parse (see `parseLabelSelector`). */
  labelSelector?: string;
  /** `metadata.name` equals (the `metadata.name=` field selector). */
  name?: string;
}

/** Selections kept per version of the store; more are dropped all at once. */
const MAX_REMEMBERED_SELECTIONS = 2_000;

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

/**
 * The objects of one kind on one cluster, kept by a list and the watch
 * events that follow it. Changes arrive in the order the API server sent
 * them, so resourceVersions are only compared for equality (an event for
 * the version already held changes nothing), as Kubernetes asks of
 * clients. Selections are answered from memory and remembered until the
 * next change.
 */
export class WatchedObjects {
  readonly #entries = new Map<string, WatchedObject>();
  readonly #selections = new Map<string, ApplicationDetail[]>();

  get size(): number {
    return this.#entries.size;
  }

  /** True when this version of the object is what is held (e.g. the informer repeating a list item). */
  holds(namespace: string, name: string, resourceVersion?: string): boolean {
    const held = this.#entries.get(keyOf(namespace, name));
    return (
      held !== undefined &&
      resourceVersion !== undefined &&
      held.resourceVersion === resourceVersion
    );
  }

  /** An ADDED or MODIFIED event; undefined when that version is already held. */
  upsert(object: WatchedObject): WatchedChange | undefined {
    const { namespace, name } = object.detail;
    if (this.holds(namespace, name, object.resourceVersion)) {
      return undefined;
    }
    const key = keyOf(namespace, name);
    const type = this.#entries.has(key) ? 'MODIFIED' : 'ADDED';
    this.#entries.set(key, object);
    this.#selections.clear();
    return { type, object };
  }

  /** A DELETED event; undefined when nothing was held. */
  remove(namespace: string, name: string): WatchedChange | undefined {
    const key = keyOf(namespace, name);
    const held = this.#entries.get(key);
    if (!held) {
      return undefined;
    }
    this.#entries.delete(key);
    this.#selections.clear();
    return { type: 'DELETED', object: held };
  }

  /** Everything a list answered: what it lacks goes, what changed is replaced. Answers the differences. */
  replaceAll(objects: readonly WatchedObject[]): WatchedChange[] {
    const changes: WatchedChange[] = [];
    const listed = new Set<string>();
    for (const object of objects) {
      listed.add(keyOf(object.detail.namespace, object.detail.name));
      const change = this.upsert(object);
      if (change) changes.push(change);
    }
    for (const [key, held] of [...this.#entries]) {
      if (!listed.has(key)) {
        this.#entries.delete(key);
        changes.push({ type: 'DELETED', object: held });
      }
    }
    this.#selections.clear();
    return changes;
  }

  /** Every object held, in no particular order. */
  all(): WatchedObject[] {
    return [...this.#entries.values()];
  }

  /** The details a selection picks, sorted by name as the lists are, from memory. */
  select(selection: ObjectSelection): ApplicationDetail[] {
    const memoKey = JSON.stringify(selection);
    const remembered = this.#selections.get(memoKey);
    if (remembered) {
      return remembered;
    }
    const requirements = selection.labelSelector
      ? parseLabelSelector(selection.labelSelector)
      : [];
    const namespaces = selection.namespaces
      ? new Set(selection.namespaces)
      : undefined;
    const result = this.all()
      .filter(
        ({ detail, labels }) =>
          (!namespaces || namespaces.has(detail.namespace)) &&
          (!selection.name || detail.name === selection.name) &&
          matchesLabelSelector(requirements, labels),
      )
      .map(object => object.detail)
      .sort(byName);
    if (this.#selections.size >= MAX_REMEMBERED_SELECTIONS) {
      this.#selections.clear();
    }
    this.#selections.set(memoKey, result);
    return result;
  }
}
