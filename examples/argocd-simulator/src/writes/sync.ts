import type { ApiAnswer, ApiContext, ApiRequest } from '../apiContext';
import { lookupApp } from '../appLookup';
import { ApiError, GrpcCode } from '../errors';
import {
  hasOperationInProgress,
  withRequestedOperation,
} from '../operations/lifecycle';
import { headRevisions } from '../operations/targetRevision';
import type { AppRecord, ArgoOperation, ArgoSyncOperation } from '../types';
import { assertMaySync } from './accessControl';
import { appSubject } from './appSubject';
import {
  booleanField,
  parseJsonBody,
  stringField,
  type RequestBody,
} from './requestBody';
import {
  anotherOperationInProgress,
  assertNotDeleting,
  isAutoSync,
  syncPolicyOf,
} from './refusals';
import { resolveRevision } from './resolveRevision';

/** The sync operation Argo CD writes, with Go's `omitempty` (no `false`, no empty list). */
function syncOperationOf(
  record: AppRecord,
  body: RequestBody,
  request: { revision?: string; prune: boolean; dryRun: boolean },
): ArgoSyncOperation {
  const app = record.application;
  const target = app.spec.source?.targetRevision || 'HEAD';
  const sync: ArgoSyncOperation = app.spec.sources?.length
    ? { revisions: headRevisions(app, record.simulation) }
    : { revision: resolveRevision(record, request.revision || target) };
  if (request.prune) sync.prune = true;
  if (request.dryRun) sync.dryRun = true;
  const syncOptions =
    (body.syncOptions as { items?: string[] } | undefined)?.items ??
    syncPolicyOf(app).syncOptions;
  if (syncOptions?.length) sync.syncOptions = syncOptions;
  if (body.strategy) sync.syncStrategy = body.strategy;
  if (Array.isArray(body.resources) && body.resources.length > 0) {
    sync.resources = body.resources;
  }
  return sync;
}

/**
 * `POST /api/v1/applications/{name}/sync`, checked in the order of Argo CD's Sync: the app (get), the sync
 * window, RBAC sync, deletion, a revision other than the auto-sync target, resolving the revision, and another
 * operation. The answer is the app with the operation requested; the controller runs it from there.
 */
export async function syncApp(
  ctx: ApiContext,
  name: string,
  request: ApiRequest,
): Promise<ApiAnswer> {
  const body = parseJsonBody(await request.readBody());
  const wanted = {
    revision: stringField(body, 'revision'),
    prune: booleanField(body, 'prune'),
    dryRun: booleanField(body, 'dryRun'),
  };
  const record = lookupApp(ctx, name, {
    appNamespace: stringField(body, 'appNamespace'),
    project: stringField(body, 'project'),
  });
  const app = record.application;
  if (record.simulation?.syncWindowBlocks) {
    throw new ApiError(
      GrpcCode.PermissionDenied,
      'cannot sync: blocked by sync window',
    );
  }
  assertMaySync(request.account!, app);
  assertNotDeleting(app);
  const target = (app.spec.sources?.[0] ?? app.spec.source)?.targetRevision;
  if (
    isAutoSync(app) &&
    !wanted.dryRun &&
    wanted.revision &&
    wanted.revision !== (target || 'HEAD')
  ) {
    throw new ApiError(
      GrpcCode.FailedPrecondition,
      `Cannot sync to ${wanted.revision}: auto-sync currently set to ${
        target ?? ''
      }`,
    );
  }
  const sync = syncOperationOf(record, body, wanted);
  if (hasOperationInProgress(app)) {
    throw anotherOperationInProgress();
  }
  const retry = body.retryStrategy ?? syncPolicyOf(app).retry;
  const operation: ArgoOperation = {
    sync,
    initiatedBy: { username: request.account!.username },
    ...(retry ? { retry } : {}),
    ...(Array.isArray(body.infos) ? { info: body.infos } : {}),
  };
  const stored = ctx.instance.replace(
    record,
    withRequestedOperation(app, operation),
  );
  ctx.operations.run(appSubject(ctx.instance, record));
  return { status: 200, body: stored };
}
