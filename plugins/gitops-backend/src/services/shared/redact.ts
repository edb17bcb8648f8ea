import { stripUrlCredentialsInText } from '@gitops-guide/backstage-plugin-gitops-common';

/** Secrets at least this long are replaced wherever they occur. */
const ANYWHERE_LENGTH = 8;

const REDACTED = '[redacted]';

const JWT_RE = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces every configured or discovered secret, however short, with
 * `[redacted]`. A secret of 8 or more characters is replaced anywhere; a
 * shorter one only where it stands alone (no letter or digit right before or
 * after it), so a 2-character password goes in `user:ab@host` or
 * `password ab rejected` without garbling words that contain it. First removes
 * the credentials of any URL in the text (`https://user:token@host`), last
 * anything shaped like a JWT.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let result = stripUrlCredentialsInText(text);
  // Longest first: a short secret inside a long one must not break its match.
  const ordered = [...new Set(secrets)]
    .filter(secret => secret !== '')
    .sort((a, b) => b.length - a.length);
  for (const secret of ordered) {
    if (secret.length >= ANYWHERE_LENGTH) {
      result = result.split(secret).join(REDACTED);
    } else {
      result = result.replace(
        new RegExp(
          `(?<![\\p{L}\\p{N}])${escapeRegExp(secret)}(?![\\p{L}\\p{N}])`,
          'gu',
        ),
        REDACTED,
      );
    }
  }
  return result.replace(JWT_RE, REDACTED);
}
