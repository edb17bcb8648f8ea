/** A time as Kubernetes serializes `metav1.Time`: RFC 3339 in UTC, whole seconds (`2026-11-24T09:33:02Z`). */
export function rfc3339(ms: number = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
