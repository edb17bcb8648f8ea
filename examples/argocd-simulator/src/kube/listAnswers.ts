import type { ServerResponse } from 'node:http';
import { sendTruncated } from '../chunkedWriter';
import { COPY_NUMBER, planCopiedList, sendCopiedList } from '../copiedList';
import type { ServedResource } from './resources';
import type { KubeFault, KubeObject } from './types';

/**
 * Sending a `<Kind>List`, as is or bent by a fault: `malformed` (a complete 200 whose JSON is cut off),
 * `oversizeBytes` (a valid list of at least that many bytes, streamed in chunks) and `truncateAfterBytes`
 * (the real list with its full content-length, the socket destroyed part-way).
 */

export interface ListAnswer {
  resource: ServedResource;
  resourceVersion: string;
  /** What the request selected. */
  items: KubeObject[];
  /** Every object of the resource's kind, for copies when the request selected none. */
  sameKind: KubeObject[];
}

function apiVersionOf(resource: ServedResource): string {
  return `${resource.group}/${resource.version}`;
}

/** Everything of the list before its items, up to and including `"items":[`. */
function listHead(answer: ListAnswer): string {
  return `{"apiVersion":${JSON.stringify(
    apiVersionOf(answer.resource),
  )},"kind":${JSON.stringify(
    `${answer.resource.kind}List`,
  )},"metadata":{"resourceVersion":${JSON.stringify(
    answer.resourceVersion,
  )}},"items":[`;
}

/** Copies numbered in name and uid; a bare object of the kind when the cluster holds none. */
function copyTemplates(answer: ListAnswer): string[] {
  const { resource } = answer;
  const originals = answer.items.length > 0 ? answer.items : answer.sameKind;
  const objects: KubeObject[] =
    originals.length > 0
      ? originals
      : [
          {
            apiVersion: apiVersionOf(resource),
            kind: resource.kind,
            metadata: { name: 'oversize', namespace: 'default' },
            spec: {},
          },
        ];
  return objects.map(object =>
    JSON.stringify({
      ...object,
      metadata: {
        ...object.metadata,
        name: `${object.metadata.name}-${COPY_NUMBER}`,
        uid: `00000000-0000-4000-8000-0000${COPY_NUMBER}`,
      },
    }),
  );
}

/** Answers a list request, applying the body faults of `fault` if any. */
export async function sendList(
  res: ServerResponse,
  answer: ListAnswer,
  fault: KubeFault | undefined,
): Promise<void> {
  const head = listHead(answer);
  if (fault?.malformed) {
    const cut = `${head}{"apiVersion":${JSON.stringify(
      apiVersionOf(answer.resource),
    )},"kind":${JSON.stringify(answer.resource.kind)},"metadata":{"name":"`;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(cut);
    return;
  }
  if (fault?.oversizeBytes !== undefined) {
    const plan = planCopiedList(
      head,
      ']}',
      copyTemplates(answer),
      fault.oversizeBytes,
    );
    await sendCopiedList(res, plan, fault);
    return;
  }
  const body = `${head}${answer.items
    .map(item => JSON.stringify(item))
    .join(',')}]}`;
  if (fault?.truncateAfterBytes !== undefined) {
    await sendTruncated(
      res,
      200,
      'application/json',
      body,
      fault.truncateAfterBytes,
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(body);
}
