import type { ServerResponse } from 'node:http';
import type { StreamOutcome } from './chunkedWriter';
import { COPY_NUMBER, planCopiedList, sendCopiedList } from './copiedList';
import { generateApp } from './generate';
import type { FaultSpec } from './types';

/** History entries per template app: about what a busy app keeps (Argo CD's default revisionHistoryLimit is 10). */
const TEMPLATE_HISTORY_LENGTH = 10;

let templates: string[] | undefined;

/**
 * Three generated apps (dev, staging and prod of one service, a few KB each) whose name and uid carry the copy
 * number: copies `oversize-00000001`, `oversize-00000002`, ... in name order, as Argo CD sorts its lists.
 */
function appTemplates(): string[] {
  templates ??= [0, 1, 2].map(index => {
    const { application } = generateApp(index, TEMPLATE_HISTORY_LENGTH);
    return JSON.stringify({
      ...application,
      metadata: {
        ...application.metadata,
        name: `oversize-${COPY_NUMBER}`,
        uid: `00000000-0000-4000-8000-0000${COPY_NUMBER}`,
      },
    });
  });
  return templates;
}

/**
 * The `oversizeBytes` fault: a valid `v1alpha1ApplicationList` of at least that many bytes, streamed in chunks
 * (chunked transfer encoding unless `withContentLength` or `truncateAfterBytes`), whatever the request asked.
 */
export function sendOversizedAppList(
  res: ServerResponse,
  fault: FaultSpec & { oversizeBytes: number },
): Promise<StreamOutcome> {
  const plan = planCopiedList(
    '{"metadata":{},"items":[',
    ']}',
    appTemplates(),
    fault.oversizeBytes,
  );
  return sendCopiedList(res, plan, fault);
}
