import { createHash } from 'node:crypto';

/** Longest upstream message repeated in ours. */
const MAX_UPSTREAM_MESSAGE = 300;

/** A JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, stable digest of a JSON-able value, for cache keys. */
export function cacheKeyHash(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value))
    .digest('base64url')
    .slice(0, 32);
}

/** An upstream message on one line, cut at a readable length; undefined when blank. */
export function oneLineMessage(
  message: string | undefined,
): string | undefined {
  const oneLine = message?.replace(/\s+/g, ' ').trim();
  if (!oneLine) {
    return undefined;
  }
  return oneLine.length > MAX_UPSTREAM_MESSAGE
    ? `${oneLine.slice(0, MAX_UPSTREAM_MESSAGE)}…`
    : oneLine;
}
