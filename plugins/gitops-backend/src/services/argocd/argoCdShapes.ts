import type {
  RawApplication,
  RawApplicationList,
  RawApplicationTree,
  RawRevisionMetadata,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { z } from 'zod';
import type { ElementMapping } from '../shared/parseJsonChunks';

/**
 * The least each Argo CD answer must have for us to use it. Unknown fields
 * pass through untouched: normalization in gitops-common reads them
 * defensively, and a newer Argo CD may add more.
 */
const application = z
  .object({ metadata: z.object({ name: z.string() }).passthrough() })
  .passthrough();

/** A checked answer shape and what to call it in a "JSON that is not …" message. */
export interface AnswerShape<T> {
  /** Checks the answer; for a list, without its items. */
  schema: z.ZodType<unknown>;
  description: string;
  /** A list's items, checked one by one as they are parsed (see {@link itemMapping}). */
  items?: { member: string; schema: z.ZodType<unknown> };
  /** Only for the type: the raw model type the answer is read as. */
  readonly _type?: T;
}

export const applicationListShape: AnswerShape<RawApplicationList> = {
  schema: z.object({ items: z.array(z.unknown()).nullish() }).passthrough(),
  description: 'an application list',
  items: { member: 'items', schema: application },
};

export const applicationShape: AnswerShape<RawApplication> = {
  schema: application,
  description: 'an application',
};

export const resourceTreeShape: AnswerShape<RawApplicationTree> = {
  schema: z.object({ nodes: z.array(z.unknown()).nullish() }).passthrough(),
  description: 'a resource tree',
};

export const revisionMetadataShape: AnswerShape<RawRevisionMetadata> = {
  schema: z.object({}).passthrough(),
  description: 'revision metadata',
};

export const sessionShape: AnswerShape<{ token: string }> = {
  schema: z.object({ token: z.string().min(1) }).passthrough(),
  description: 'a session token',
};

const optionalString = z.string().optional().catch(undefined);

/** Argo CD's error body: `{"error", "message", "code"}` (gRPC code); a field of another type is ignored. */
export const errorBodySchema = z.object({
  message: optionalString,
  error: optionalString,
  code: z.number().optional().catch(undefined),
});

/** A list item that does not have the least an item must have. */
export class ShapeMismatch extends Error {}

/**
 * The element mapping for a list shape's items: each is checked as it is
 * parsed (throwing {@link ShapeMismatch}) and then passed through `map`.
 */
export function itemMapping(
  shape: AnswerShape<unknown>,
  map: ((item: unknown) => unknown) | undefined,
): ElementMapping | undefined {
  const items = shape.items;
  if (!items) {
    return undefined;
  }
  return {
    member: items.member,
    map: element => {
      if (!items.schema.safeParse(element).success) {
        throw new ShapeMismatch();
      }
      return map ? map(element) : element;
    },
  };
}
