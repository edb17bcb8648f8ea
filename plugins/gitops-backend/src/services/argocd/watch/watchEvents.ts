import type { RawApplication } from '@gitops-guide/backstage-plugin-gitops-common';
import { z } from 'zod';

/** What changed, as Argo CD's watch reports it (`v1alpha1ApplicationWatchEvent.type`). @public */
export type ApplicationWatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change from `GET /api/v1/stream/applications`. @public */
export interface ApplicationWatchEvent {
  type: ApplicationWatchEventType;
  application: RawApplication;
}

/**
 * One line of the stream: grpc-gateway writes `{"result": event}` per
 * change and, when the stream fails after it started, one
 * `{"error": runtimeStreamError}` before it ends.
 */
const lineSchema = z.union([
  z.object({
    result: z
      .object({
        type: z.string(),
        application: z
          .object({
            metadata: z
              .object({
                name: z.string().min(1),
                namespace: z.string().optional(),
              })
              .passthrough(),
          })
          .passthrough(),
      })
      .passthrough(),
  }),
  z.object({
    error: z
      .object({
        http_code: z.number().optional().catch(undefined),
        http_status: z.string().optional().catch(undefined),
        grpc_code: z.number().optional().catch(undefined),
        message: z.string().optional().catch(undefined),
      })
      .passthrough(),
  }),
]);

const EVENT_TYPES: ReadonlySet<string> = new Set([
  'ADDED',
  'MODIFIED',
  'DELETED',
]);

/** A parsed stream line: an event, an event type we do not use, or the stream's error. */
export type WatchLine =
  | { event: ApplicationWatchEvent }
  | { ignored: string }
  | { error: { status: number; statusText: string; text: string } }
  | { malformed: true };

/** Reads one line of the application stream. */
export function parseWatchLine(line: string): WatchLine {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { malformed: true };
  }
  const parsed = lineSchema.safeParse(json);
  if (!parsed.success) {
    return { malformed: true };
  }
  if ('error' in parsed.data) {
    const error = parsed.data.error;
    return {
      error: {
        // A stream error without an HTTP code is an internal error.
        status: error.http_code ?? 500,
        statusText: error.http_status ?? '',
        text: JSON.stringify({ message: error.message, code: error.grpc_code }),
      },
    };
  }
  const { type, application } = parsed.data.result;
  if (!EVENT_TYPES.has(type)) {
    return { ignored: type };
  }
  return {
    event: {
      type: type as ApplicationWatchEventType,
      application: application as RawApplication,
    },
  };
}
