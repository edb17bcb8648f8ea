/** Shorter values are too likely to be ordinary words to be replaced. */
const MIN_REDACTED_LENGTH = 4;

/** Replaces every occurrence of the given secrets, and anything shaped like a JWT, with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_REDACTED_LENGTH) {
      result = result.split(secret).join('[redacted]');
    }
  }
  return result.replace(
    /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
    '[redacted]',
  );
}
