import type { ArgoApplication } from './types';

/**
 * The `fields` query parameter of `GET /api/v1/applications`, as Argo CD's response forwarder applies it
 * (pkg/apiclient/application/forwarder_overwrite.go). It is not a general JSON path filter: only the paths in this
 * table can be selected, anything else (e.g. `items.status.history`) is silently dropped. A leading `-` selects
 * every listed path except the given ones. The getters reproduce what Go serializes: a nil map or pointer inside an
 * `interface{}` is written as `null`, a value the Go code returns as untyped nil is left out.
 */
type Getter = (app: ArgoApplication) => unknown;

const OMIT = Symbol('omit');

const operationState = (app: ArgoApplication) => app.status?.operationState;

const appFields: Record<string, Getter> = {
  'metadata.name': app => app.metadata.name ?? '',
  'metadata.namespace': app => app.metadata.namespace ?? '',
  'metadata.annotations': app => app.metadata.annotations ?? null,
  'metadata.labels': app => app.metadata.labels ?? null,
  'metadata.creationTimestamp': app => app.metadata.creationTimestamp ?? null,
  'metadata.deletionTimestamp': app => app.metadata.deletionTimestamp ?? null,
  spec: app => app.spec,
  'status.sync.status': app => app.status?.sync?.status ?? '',
  'status.health': app => app.status?.health ?? {},
  'status.summary': app => app.status?.summary ?? {},
  'status.operationState.startedAt': app =>
    operationState(app) ? operationState(app)?.startedAt ?? null : OMIT,
  'status.operationState.finishedAt': app =>
    operationState(app) ? operationState(app)?.finishedAt ?? null : OMIT,
  'status.resources': app =>
    app.status?.resources?.length ? app.status.resources : OMIT,
  'operation.sync': app => (app.operation ? app.operation.sync ?? null : OMIT),
  'status.operationState.phase': app =>
    operationState(app) ? operationState(app)?.phase ?? '' : OMIT,
  // Argo CD maps this path to the sync *result*, not the sync operation; kept as the server has it.
  'status.operationState.operation.sync': app =>
    operationState(app) ? operationState(app)?.syncResult ?? null : OMIT,
};

export interface FieldSelection {
  fields: Set<string>;
  exclude: boolean;
}

/** Reads `fields`; undefined when absent or empty, which means "send everything". */
export function parseFieldSelection(
  fieldsQuery: string | undefined,
): FieldSelection | undefined {
  if (!fieldsQuery) {
    return undefined;
  }
  const exclude = fieldsQuery.startsWith('-');
  const list = exclude ? fieldsQuery.slice(1) : fieldsQuery;
  return { fields: new Set(list.split(',')), exclude };
}

function selectAppFields(
  app: ArgoApplication,
  selection: FieldSelection,
): Record<string, unknown> {
  const converted: Record<string, unknown> = {};
  for (const [path, get] of Object.entries(appFields)) {
    if (selection.fields.has(`items.${path}`) === selection.exclude) {
      continue;
    }
    const value = get(app);
    if (value === OMIT) {
      continue;
    }
    const parts = path.split('.');
    let target = converted;
    for (const part of parts.slice(0, -1)) {
      target[part] ??= {};
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]] = value;
  }
  return converted;
}

/**
 * Trims an application list. The list metadata always stays; `items` becomes `null` when there are no items,
 * because the Go code builds it as a nil slice.
 */
export function selectListFields(
  list: { metadata: Record<string, unknown>; items: ArgoApplication[] },
  selection: FieldSelection,
): {
  metadata: Record<string, unknown>;
  items: Record<string, unknown>[] | null;
} {
  const items = list.items.map(app => selectAppFields(app, selection));
  return { items: items.length > 0 ? items : null, metadata: list.metadata };
}
