/**
 * Links from revisions to the Git hosts that serve them, and short revision
 * labels. Pure string work: no network, no Node APIs.
 */

const HEX_SHA_RE = /^[0-9a-f]{7,64}$/i;
const FULL_SHA_RE = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
/** Flux revisions: `main@sha1:<sha>` (v2 APIs) and `main/<sha>` (older). */
const FLUX_REVISION_RE =
  /^(.+?)(?:@sha(?:1|256):|\/)([0-9a-f]{40}|[0-9a-f]{64})$/i;
const SAFE_URL_RE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'<>\\^`{|}]+$/;
const SCP_LIKE_RE = /^(?:[A-Za-z0-9._-]+@)?([A-Za-z0-9.-]+):(?!\/\/)([^\s]+)$/;

/**
 * The commit SHA inside a revision: a bare SHA, or the SHA part of a Flux
 * revision (`main@sha1:…`, `main/…`). Undefined for branches, tags and
 * chart versions.
 * @public
 */
export function commitShaOf(revision: string | undefined): string | undefined {
  if (typeof revision !== 'string') {
    return undefined;
  }
  const trimmed = revision.trim();
  // All-digit strings are dates or build numbers far more often than SHAs.
  if (HEX_SHA_RE.test(trimmed) && !/^\d+$/.test(trimmed)) {
    return trimmed.toLowerCase();
  }
  const flux = FLUX_REVISION_RE.exec(trimmed);
  return flux ? flux[2].toLowerCase() : undefined;
}

/**
 * A revision for display: 7 characters for a full commit SHA (also inside a
 * Flux `main@sha1:…` revision), anything else (tags, versions, short SHAs)
 * as is.
 * @public
 */
export function shortRevision(revision: string | undefined): string {
  if (typeof revision !== 'string') {
    return '';
  }
  const trimmed = revision.trim();
  if (FULL_SHA_RE.test(trimmed)) {
    return trimmed.slice(0, 7);
  }
  const flux = FLUX_REVISION_RE.exec(trimmed);
  if (flux) {
    return `${flux[1]}@${flux[2].slice(0, 7)}`;
  }
  return trimmed;
}

interface RepositoryLocation {
  host: string;
  path: string;
}

function locate(repoURL: string): RepositoryLocation | undefined {
  const trimmed = repoURL.trim();
  // URL parsing would quietly resolve dot segments; a repository URL never needs them.
  if (
    trimmed === '' ||
    trimmed.length > 2048 ||
    /(?:^|[/:])\.\.(?:\/|$)|%2e/i.test(trimmed)
  ) {
    return undefined;
  }
  const scp = SCP_LIKE_RE.exec(trimmed);
  if (scp && !trimmed.includes('://')) {
    return { host: scp[1].toLowerCase(), path: scp[2] };
  }
  if (!SAFE_URL_RE.test(trimmed)) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.search || url.hash) {
    return undefined;
  }
  switch (url.protocol) {
    case 'https:':
    case 'http:':
      // Keep a port: self-hosted web UIs often run on one.
      return { host: url.host.toLowerCase(), path: url.pathname };
    case 'ssh:':
    case 'git:':
    case 'git+ssh:':
    case 'ssh+git:':
      // SSH ports (e.g. Bitbucket Server's 7999) are not the web UI's port.
      return { host: url.hostname.toLowerCase(), path: url.pathname };
    default:
      // oci:// Helm registries and anything unknown have no commit pages.
      return undefined;
  }
}

function cleanPath(path: string): string | undefined {
  const cleaned = path
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  // Percent escapes are refused: `%2e%2e` would become `..` in a browser.
  if (
    cleaned === '' ||
    cleaned
      .split('/')
      .some(
        segment =>
          !/^[A-Za-z0-9._~+@-]+$/.test(segment) || /^\.+$/.test(segment),
      )
  ) {
    return undefined;
  }
  return cleaned;
}

/**
 * The browsable https address of a Git repository from any of the forms
 * Argo CD and Flux accept (`https://…`, `git@host:org/repo.git`,
 * `ssh://git@host/org/repo`), without credentials or `.git`. Undefined for
 * OCI registries and anything that does not parse.
 * @public
 */
export function repositoryUrl(repoURL: string | undefined): string | undefined {
  if (typeof repoURL !== 'string') {
    return undefined;
  }
  const location = locate(repoURL);
  const path = location && cleanPath(location.path);
  if (!location || !path) {
    return undefined;
  }
  const { host } = location;
  const segments = path.split('/');

  // Azure DevOps SSH: ssh.dev.azure.com:v3/org/project/repo
  if (
    host === 'ssh.dev.azure.com' &&
    segments[0] === 'v3' &&
    segments.length === 4
  ) {
    const [, org, project, repo] = segments;
    return `https://dev.azure.com/${org}/${project}/_git/${repo}`;
  }
  if (
    host === 'vs-ssh.visualstudio.com' &&
    segments[0] === 'v3' &&
    segments.length === 4
  ) {
    const [, org, project, repo] = segments;
    return `https://${org}.visualstudio.com/${project}/_git/${repo}`;
  }
  // Bitbucket Server / Data Center: clone URLs are /scm/PROJECT/repo.
  if (
    host !== 'bitbucket.org' &&
    segments[0] === 'scm' &&
    segments.length === 3
  ) {
    return `https://${host}/projects/${segments[1].toUpperCase()}/repos/${
      segments[2]
    }`;
  }
  if (
    host !== 'bitbucket.org' &&
    host.includes('bitbucket') &&
    segments.length === 2
  ) {
    return `https://${host}/projects/${segments[0].toUpperCase()}/repos/${
      segments[1]
    }`;
  }
  return `https://${host}/${path}`;
}

/**
 * A link to the commit page of `revision` in `repoURL` for GitHub, GitLab,
 * Bitbucket (Cloud and Server), Azure DevOps and other hosts that serve
 * `/commit/<sha>` (Gitea, Forgejo, GitHub Enterprise). Undefined when the
 * revision is not a commit SHA, the URL is not a Git repository we can read,
 * or the source is a Helm chart (`chart` set).
 * @public
 */
export function commitUrl(
  repoURL: string | undefined,
  revision: string | undefined,
  source?: { chart?: string },
): string | undefined {
  if (source?.chart) {
    return undefined;
  }
  const sha = commitShaOf(revision);
  const base = repositoryUrl(repoURL);
  if (!sha || !base) {
    return undefined;
  }
  const { hostname, pathname } = new URL(base);
  if (hostname.includes('github')) {
    return `${base}/commit/${sha}`;
  }
  if (hostname.includes('gitlab')) {
    return `${base}/-/commit/${sha}`;
  }
  if (
    hostname === 'bitbucket.org' ||
    /^\/projects\/[^/]+\/repos\/[^/]+$/.test(pathname)
  ) {
    return `${base}/commits/${sha}`;
  }
  return `${base}/commit/${sha}`;
}
