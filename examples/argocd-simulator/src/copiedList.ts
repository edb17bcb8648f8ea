import type { ServerResponse } from 'node:http';
import { streamPieces, type StreamOutcome } from './chunkedWriter';

/**
 * A JSON list of at least some number of bytes, made of numbered copies of a few template items and produced piece
 * by piece, so oversized answers (50 MB and more) are never held in memory. Every copy has a known byte length, so
 * the size of the whole body is known before the first byte is sent.
 */

/** Stands in a template item for the number of the copy, e.g. in `metadata.name`; one template may hold it often. */
export const COPY_NUMBER = '__COPY_NUMBER__';
/** Copies are numbered from 1, zero-padded to this width; a list has at most 10^8 - 1 of them. */
export const COPY_NUMBER_WIDTH = 8;
const MAX_COPIES = 10 ** COPY_NUMBER_WIDTH - 1;

export interface CopiedListPlan {
  /** Everything before the first item, e.g. `{"metadata":{},"items":[`. */
  prefix: string;
  /** Everything after the last item, e.g. `]}`. */
  suffix: string;
  /** Each template item (serialized JSON) split at {@link COPY_NUMBER}. */
  templates: string[][];
  /** Number of items; they cycle through the templates. */
  count: number;
  /** Byte length of the whole body. */
  totalBytes: number;
}

function copyNumber(index: number): string {
  return String(index + 1).padStart(COPY_NUMBER_WIDTH, '0');
}

/** How many copies make a body of at least `minBytes`, and its exact size. */
export function planCopiedList(
  prefix: string,
  suffix: string,
  templates: string[],
  minBytes: number,
): CopiedListPlan {
  if (templates.length === 0) {
    throw new Error('An oversized list needs at least one template item');
  }
  const split = templates.map(template => {
    const parts = template.split(COPY_NUMBER);
    if (parts.length < 2) {
      throw new Error(`A template item must contain ${COPY_NUMBER}`);
    }
    return parts;
  });
  const sizes = split.map(
    parts =>
      parts.reduce((sum, part) => sum + Buffer.byteLength(part, 'utf8'), 0) +
      (parts.length - 1) * COPY_NUMBER_WIDTH,
  );
  let totalBytes =
    Buffer.byteLength(prefix, 'utf8') + Buffer.byteLength(suffix, 'utf8');
  let count = 0;
  while (count === 0 || totalBytes < minBytes) {
    totalBytes += sizes[count % sizes.length] + (count > 0 ? 1 : 0); // the comma before every item but the first
    count += 1;
    if (count > MAX_COPIES) {
      throw new Error(
        `An oversized list of ${minBytes} bytes needs more than ${MAX_COPIES} copies`,
      );
    }
  }
  return { prefix, suffix, templates: split, count, totalBytes };
}

/** The body of a plan, in pieces: the prefix, then one piece per item (with its leading comma), then the suffix. */
export function* copiedListPieces(plan: CopiedListPlan): Generator<string> {
  yield plan.prefix;
  for (let index = 0; index < plan.count; index++) {
    const item = plan.templates[index % plan.templates.length].join(
      copyNumber(index),
    );
    yield index === 0 ? item : `,${item}`;
  }
  yield plan.suffix;
}

export interface CopiedListAnswer {
  /** Send a content-length; without it (and without a cut) the body goes chunked, its size unknown up front. */
  withContentLength?: boolean;
  /** Destroy the socket after this many bytes (at most all but the last); implies a content-length. */
  truncateAfterBytes?: number;
}

/** Answers 200 with the planned list, streamed in chunks; resolves when it is written, cut, or the client left. */
export function sendCopiedList(
  res: ServerResponse,
  plan: CopiedListPlan,
  answer: CopiedListAnswer,
): Promise<StreamOutcome> {
  const cut = answer.truncateAfterBytes;
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
  };
  if (answer.withContentLength || cut !== undefined) {
    headers['content-length'] = plan.totalBytes;
  }
  res.writeHead(200, headers);
  return streamPieces(res, copiedListPieces(plan), {
    cutAfterBytes:
      cut === undefined ? undefined : Math.min(cut, plan.totalBytes - 1),
  });
}
