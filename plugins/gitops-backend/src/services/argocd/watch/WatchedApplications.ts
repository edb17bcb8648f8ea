import {
  matchesLabelSelector,
  type FleetLinks,
  parseLabelSelector,
  type ApplicationSummary,
  type LabelSelectorRequirement,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { byName } from '../../applications/targeting';

/** One application as a watch keeps it: its summary, and what selection needs. */
export interface WatchedApplication {
  summary: ApplicationSummary;
  /** `metadata.labels`, for `argocd/app-selector`. */
  labels: Record<string, string>;
  /** Its ApplicationSet and child Applications, for the fleet view. */
  links?: FleetLinks;
  /** `metadata.resourceVersion`; compared as integers, as Argo CD does. */
  resourceVersion?: string;
}

/** What a target selects, as Argo CD's list filters would. */
export interface WatchSelection {
  /** Exact names (`argocd/app-name`). */
  names?: readonly string[];
  /** A label selector (`argocd/app-selector`). */
  selector?: string;
  projects?: readonly string[];
  appNamespace?: string;
}

/** Selections kept per version of the index; more are dropped all at once. */
const MAX_REMEMBERED_SELECTIONS = 2_000;

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

/** A resourceVersion as Argo CD compares it (`strconv.Atoi`), or undefined. */
function versionNumber(
  resourceVersion: string | undefined,
): number | undefined {
  if (resourceVersion === undefined || !/^\d+$/.test(resourceVersion)) {
    return undefined;
  }
  const value = Number(resourceVersion);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** True unless both versions compare and `candidate` is older than `current`. */
function notOlder(candidate?: string, current?: string): boolean {
  const a = versionNumber(candidate);
  const b = versionNumber(current);
  return a === undefined || b === undefined || a >= b;
}

/**
 * The applications of one Argo CD instance, kept current by a list and the
 * watch events that follow it. Every write compares resourceVersions, so
 * events and lists may arrive in any order (a relist that started before
 * an event never undoes it), and a deletion seen during a list leaves a
 * tombstone so the older list cannot bring the application back.
 * Selections are answered from memory and remembered until the next change.
 */
export class WatchedApplications {
  readonly #entries = new Map<string, WatchedApplication>();
  readonly #byName = new Map<string, Set<string>>();
  readonly #tombstones = new Map<string, string | undefined>();
  readonly #selections = new Map<string, ApplicationSummary[]>();
  #newest: string | undefined;
  #changes = 0;

  /** How many applications are held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Counts every change, for callers that remember derived answers. */
  get changes(): number {
    return this.#changes;
  }

  /** The newest resourceVersion seen, where a reconnected watch starts. */
  get newestResourceVersion(): string | undefined {
    return this.#newest;
  }

  /** The resourceVersion of one application, for caches keyed by it. */
  resourceVersionOf(namespace: string, name: string): string | undefined {
    return this.#entries.get(keyOf(namespace, name))?.resourceVersion;
  }

  /** An ADDED or MODIFIED event: kept unless what is held is newer. True when it changed anything. */
  upsert(app: WatchedApplication): boolean {
    const key = keyOf(app.summary.namespace, app.summary.name);
    const held = this.#entries.get(key);
    if (held && !notOlder(app.resourceVersion, held.resourceVersion)) {
      return false;
    }
    this.#tombstones.delete(key);
    this.#set(key, app);
    this.#seen(app.resourceVersion);
    return true;
  }

  /** A DELETED event. True when it removed anything. */
  remove(namespace: string, name: string, resourceVersion?: string): boolean {
    const key = keyOf(namespace, name);
    this.#tombstones.set(key, resourceVersion);
    this.#seen(resourceVersion);
    const held = this.#entries.get(key);
    if (!held || !notOlder(resourceVersion, held.resourceVersion)) {
      return false;
    }
    this.#delete(key, held);
    return true;
  }

  /**
   * Everything a list answered (`listVersion`: its
   * `metadata.resourceVersion`). Entries newer than the list stay; entries
   * the list lacks go unless they are newer than the list; deletions seen
   * since {@link WatchedApplications.startList} win over the list.
   */
  replaceAll(apps: readonly WatchedApplication[], listVersion?: string): void {
    const listed = new Set<string>();
    for (const app of apps) {
      const key = keyOf(app.summary.namespace, app.summary.name);
      listed.add(key);
      if (
        this.#tombstones.has(key) &&
        notOlder(this.#tombstones.get(key), app.resourceVersion)
      ) {
        continue;
      }
      const held = this.#entries.get(key);
      if (!held || notOlder(app.resourceVersion, held.resourceVersion)) {
        this.#set(key, app);
      }
    }
    for (const [key, held] of [...this.#entries]) {
      if (!listed.has(key) && !isNewerThan(held.resourceVersion, listVersion)) {
        this.#delete(key, held);
      }
    }
    this.#tombstones.clear();
    this.#seen(listVersion);
    this.#changed();
  }

  /** Call before a list is sent: deletions from then on are remembered until it is applied. */
  startList(): void {
    this.#tombstones.clear();
  }

  /** Every application held, in no particular order. */
  all(): WatchedApplication[] {
    return [...this.#entries.values()];
  }

  /** The summaries a selection matches, sorted by name, from memory. */
  select(selection: WatchSelection): ApplicationSummary[] {
    const memoKey = JSON.stringify(selection);
    const remembered = this.#selections.get(memoKey);
    if (remembered) {
      return remembered;
    }
    const candidates = selection.names
      ? selection.names.flatMap(name =>
          [...(this.#byName.get(name) ?? [])].map(
            key => this.#entries.get(key)!,
          ),
        )
      : [...this.#entries.values()];
    const requirements: LabelSelectorRequirement[] = selection.selector
      ? parseLabelSelector(selection.selector)
      : [];
    const projects = selection.projects?.length
      ? new Set(selection.projects)
      : undefined;
    const result = candidates
      .filter(
        app =>
          (!selection.appNamespace ||
            app.summary.namespace === selection.appNamespace) &&
          (!projects || projects.has(app.summary.project ?? 'default')) &&
          matchesLabelSelector(requirements, app.labels),
      )
      .map(app => app.summary)
      .sort(byName);
    if (this.#selections.size >= MAX_REMEMBERED_SELECTIONS) {
      this.#selections.clear();
    }
    this.#selections.set(memoKey, result);
    return result;
  }

  #set(key: string, app: WatchedApplication): void {
    this.#entries.set(key, app);
    let keys = this.#byName.get(app.summary.name);
    if (!keys) {
      keys = new Set();
      this.#byName.set(app.summary.name, keys);
    }
    keys.add(key);
    this.#changed();
  }

  #delete(key: string, held: WatchedApplication): void {
    this.#entries.delete(key);
    const keys = this.#byName.get(held.summary.name);
    keys?.delete(key);
    if (keys?.size === 0) {
      this.#byName.delete(held.summary.name);
    }
    this.#changed();
  }

  #seen(resourceVersion: string | undefined): void {
    if (
      resourceVersion !== undefined &&
      notOlder(resourceVersion, this.#newest)
    ) {
      this.#newest = resourceVersion;
    }
  }

  #changed(): void {
    this.#changes += 1;
    this.#selections.clear();
  }
}

function isNewerThan(version?: string, than?: string): boolean {
  const a = versionNumber(version);
  const b = versionNumber(than);
  return a !== undefined && b !== undefined && a > b;
}
