import type { IncomingMessage, ServerResponse } from 'node:http';
import { sleep } from '../faults';
import { parseApiPath, resourceOf } from './apiPath';
import type { KubeControllers } from './controllers';
import { handleList } from './listHandler';
import { getObject, patchObject } from './objectHandler';
import { resourceName, type ServedResource } from './resources';
import { sendStatus } from './respond';
import type { KubeState } from './state';
import {
  forbidden,
  methodNotAllowed,
  notFound,
  statusFor,
  unauthorized,
} from './status';
import type { KubeFault, KubeRequest } from './types';
import { isWatch } from './watchHandler';

function recordRequest(
  state: KubeState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  authorized: boolean,
): KubeRequest {
  const record: KubeRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    authorized,
    status: 0,
    at: new Date().toISOString(),
  };
  const labelSelector = url.searchParams.get('labelSelector');
  const fieldSelector = url.searchParams.get('fieldSelector');
  if (isWatch(url)) record.watch = true;
  if (labelSelector !== null) record.labelSelector = labelSelector;
  if (fieldSelector !== null) record.fieldSelector = fieldSelector;
  state.requests.push(record);
  res.once('finish', () => {
    record.status = res.statusCode;
  });
  // A body cut off on purpose, or abandoned by the client, still had its status sent.
  res.once('close', () => {
    if (!res.writableFinished && res.headersSent) {
      record.status = res.statusCode;
    }
  });
  return record;
}

/**
 * Waits, holds or fails as the injected fault says; true when the fault has dealt with the request. Body faults
 * (`malformed`, `oversizeBytes`, `truncateAfterBytes`) are left to the list answer.
 */
async function applyFault(
  state: KubeState,
  res: ServerResponse,
  fault: KubeFault | undefined,
  resource: ServedResource | undefined,
  namespace: string | undefined,
): Promise<boolean> {
  if (!fault) {
    return false;
  }
  if (fault.latencyMs) {
    await sleep(fault.latencyMs);
  }
  if (fault.timeout) {
    return true; // held until the client gives up or the server closes
  }
  if (fault.status === undefined) {
    return false;
  }
  sendStatus(
    res,
    fault.status === 403 && resource
      ? forbidden(state.user, resource, namespace)
      : statusFor(fault.status),
  );
  return true;
}

/**
 * Answers one request: recorded, delayed and faulted as the knobs say, then refused with a `Status` (401, 404 for
 * a path or resource not served, 405), or handed to the list, get or patch handler.
 */
export async function handleKubeRequest(
  state: KubeState,
  controllers: KubeControllers,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://kube');
  const caller = state.callerOf(req.headers.authorization ?? '');
  const record = recordRequest(state, req, res, url, caller !== undefined);
  if (state.latencyMs > 0) {
    await sleep(state.latencyMs);
  }
  const target = parseApiPath(url.pathname);
  const resource = resourceOf(target);
  const fault = state.takeFault(resource);
  if (await applyFault(state, res, fault, resource, target?.namespace)) {
    return;
  }
  if (!caller) {
    sendStatus(res, unauthorized());
    return;
  }
  if (!target || !resource || !state.served.has(resourceName(resource))) {
    sendStatus(res, notFound());
    return;
  }
  const method = req.method ?? 'GET';
  const { namespace, name } = target;
  if (name === undefined && method === 'GET') {
    await handleList(state, res, url, target, resource, caller, fault);
  } else if (
    name !== undefined &&
    namespace !== undefined &&
    method === 'GET'
  ) {
    getObject(state, res, { resource, namespace, name }, caller);
  } else if (
    name !== undefined &&
    namespace !== undefined &&
    method === 'PATCH'
  ) {
    await patchObject(
      state,
      controllers,
      req,
      res,
      record,
      { resource, namespace, name },
      caller,
    );
  } else {
    sendStatus(res, methodNotAllowed());
  }
}
