/**
 * Credentials inside URLs (`https://user:token@host/…`) that upstream
 * documents and messages may carry. Argo CD accepts a token as the user
 * name of a repository URL, and Go's error messages quote such URLs
 * verbatim, so everything we copy from upstream goes through here before it
 * reaches a card, a command or a log line.
 */

/**
 * Schemes whose user name is an account, not a credential: `ssh://git@host`
 * tells `git clone` which account to log in as, so it stays.
 */
const SSH_PROTOCOLS = new Set(['ssh:', 'git+ssh:', 'ssh+git:']);

/**
 * `scheme://userinfo@` in free text. The scheme is bounded so that a long
 * word costs linear time; the userinfo is RFC 3986's characters plus a raw
 * `@` (a password may hold one), matched up to the last `@` before the host,
 * like URL parsers do. An e-mail address has no `scheme://` and never matches.
 */
const USERINFO_IN_TEXT_RE =
  /([A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/)([A-Za-z0-9\-._~%!$&'()*+,;=:@]*)@/g;

function keepsUserName(scheme: string): boolean {
  return SSH_PROTOCOLS.has(scheme.toLowerCase().replace(/\/\/$/, ''));
}

/**
 * Removes the credentials of every URL inside `text`: any
 * `scheme://user[:password]@host` loses its user and password, except that
 * `ssh://` URLs keep a user name (`ssh://git@host`) and lose only the
 * password. Everything else, e-mail addresses and scp-like
 * `git@github.com:org/repo.git` included, is left as it is.
 * @public
 */
export function stripUrlCredentialsInText(text: string): string {
  if (!text.includes('@') || !text.includes('://')) {
    return text;
  }
  return text.replace(
    USERINFO_IN_TEXT_RE,
    (_match, scheme: string, userinfo: string) => {
      if (keepsUserName(scheme)) {
        const colon = userinfo.indexOf(':');
        const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
        return user ? `${scheme}${user}@` : scheme;
      }
      return scheme;
    },
  );
}

/**
 * `url` without credentials: `https://user:token@github.com/org/repo` (or
 * `https://ghp_xxx@…`, `oci://user:pw@…`) becomes `https://github.com/org/repo`;
 * `ssh://git:pw@host/repo` becomes `ssh://git@host/repo`, and
 * `ssh://git@host/repo` and `git@github.com:org/repo.git` stay as they are.
 * A URL without credentials comes back unchanged; one that had them is
 * re-serialized by the WHATWG `URL` class. Text that does not parse as a URL
 * is cleaned like free text ({@link stripUrlCredentialsInText}).
 * @public
 */
export function stripUrlCredentials(url: string): string {
  if (!url.includes('@')) {
    return url;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return stripUrlCredentialsInText(url);
  }
  if (parsed.username === '' && parsed.password === '') {
    // A URL in the query or fragment (`?next=https://u:p@…`) is still text.
    return stripUrlCredentialsInText(url);
  }
  parsed.password = '';
  if (!SSH_PROTOCOLS.has(parsed.protocol)) {
    parsed.username = '';
  }
  return stripUrlCredentialsInText(parsed.href);
}
