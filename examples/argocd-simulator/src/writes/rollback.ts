import type { ApiAnswer, ApiContext, ApiRequest } from '../apiContext';
import { lookupApp } from '../appLookup';
import { ApiError, GrpcCode, permissionDenied } from '../errors';
import {
  hasOperationInProgress,
  withRequestedOperation,
} from '../operations/lifecycle';
import type { ArgoOperation, ArgoSyncOperation } from '../types';
import { appSubject } from './appSubject';
import {
  booleanField,
  int64Field,
  parseJsonBody,
  stringField,
} from './requestBody';
import {
  anotherOperationInProgress,
  assertNotDeleting,
  isAutoSync,
  syncPolicyOf,
} from './refusals';

/**
 * `POST /api/v1/applications/{name}/rollback`: a sync of what history entry `id` deployed, with that entry's
 * source and the apply strategy. Argo CD looks the app up with the sync permission already, so an account that
 * may not sync gets the bare "permission denied" of a missing app.
 */
export async function rollbackApp(
  ctx: ApiContext,
  name: string,
  request: ApiRequest,
): Promise<ApiAnswer> {
  const body = parseJsonBody(await request.readBody());
  const id = int64Field(body, 'id');
  const dryRun = booleanField(body, 'dryRun');
  const prune = booleanField(body, 'prune');
  if (!request.account!.canSync) {
    throw permissionDenied();
  }
  const record = lookupApp(ctx, name, {
    appNamespace: stringField(body, 'appNamespace'),
    project: stringField(body, 'project'),
  });
  const app = record.application;
  assertNotDeleting(app);
  if (isAutoSync(app)) {
    throw new ApiError(
      GrpcCode.FailedPrecondition,
      'rollback cannot be initiated when auto-sync is enabled',
    );
  }
  const entry = app.status?.history?.find(h => h.id === id);
  if (!entry) {
    const { namespace, name: appName } = app.metadata;
    throw new ApiError(
      GrpcCode.InvalidArgument,
      `application ${namespace}/${appName} does not have deployment with id ${id}`,
    );
  }
  if (hasOperationInProgress(app)) {
    throw anotherOperationInProgress();
  }
  const sync: ArgoSyncOperation = entry.revisions?.length
    ? { revisions: entry.revisions }
    : { revision: entry.revision };
  if (dryRun) sync.dryRun = true;
  if (prune) sync.prune = true;
  const { syncOptions } = syncPolicyOf(app);
  if (syncOptions?.length) sync.syncOptions = syncOptions;
  sync.syncStrategy = { apply: {} };
  if (entry.sources?.length) {
    sync.sources = entry.sources;
  } else {
    sync.source = entry.source;
  }
  const operation: ArgoOperation = {
    sync,
    initiatedBy: { username: request.account!.username },
  };
  const stored = ctx.instance.replace(
    record,
    withRequestedOperation(app, operation),
  );
  ctx.operations.run(appSubject(ctx.instance, record));
  return { status: 200, body: stored };
}
