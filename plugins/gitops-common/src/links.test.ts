import { commitShaOf, commitUrl, repositoryUrl, shortRevision } from './links';

const SHA = '53e28ff20cc530b9ada2173fbbd64d48338583ba';

describe('commitUrl', () => {
  it.each([
    [
      'https://github.com/argoproj/argocd-example-apps.git',
      `https://github.com/argoproj/argocd-example-apps/commit/${SHA}`,
    ],
    [
      'https://github.com/argoproj/argocd-example-apps',
      `https://github.com/argoproj/argocd-example-apps/commit/${SHA}`,
    ],
    [
      'https://github.com/argoproj/argocd-example-apps/',
      `https://github.com/argoproj/argocd-example-apps/commit/${SHA}`,
    ],
    [
      'git@github.com:argoproj/argocd-example-apps.git',
      `https://github.com/argoproj/argocd-example-apps/commit/${SHA}`,
    ],
    [
      'ssh://git@github.com/argoproj/argocd-example-apps.git',
      `https://github.com/argoproj/argocd-example-apps/commit/${SHA}`,
    ],
    [
      'https://token:x-oauth@github.com/acme/deploy.git',
      `https://github.com/acme/deploy/commit/${SHA}`,
    ],
    [
      'https://github.example.com/acme/deploy.git',
      `https://github.example.com/acme/deploy/commit/${SHA}`,
    ],
    [
      'https://gitlab.com/acme/platform/deploy.git',
      `https://gitlab.com/acme/platform/deploy/-/commit/${SHA}`,
    ],
    [
      'git@gitlab.example.com:acme/deploy.git',
      `https://gitlab.example.com/acme/deploy/-/commit/${SHA}`,
    ],
    [
      'https://gitlab.example.com:8443/acme/deploy.git',
      `https://gitlab.example.com:8443/acme/deploy/-/commit/${SHA}`,
    ],
    [
      'https://bitbucket.org/acme/deploy.git',
      `https://bitbucket.org/acme/deploy/commits/${SHA}`,
    ],
    [
      'git@bitbucket.org:acme/deploy.git',
      `https://bitbucket.org/acme/deploy/commits/${SHA}`,
    ],
    [
      'https://bitbucket.acme.com/scm/shop/deploy.git',
      `https://bitbucket.acme.com/projects/SHOP/repos/deploy/commits/${SHA}`,
    ],
    [
      'ssh://git@bitbucket.acme.com:7999/shop/deploy.git',
      `https://bitbucket.acme.com/projects/SHOP/repos/deploy/commits/${SHA}`,
    ],
    [
      'https://dev.azure.com/acme/shop/_git/deploy',
      `https://dev.azure.com/acme/shop/_git/deploy/commit/${SHA}`,
    ],
    [
      'https://acme@dev.azure.com/acme/shop/_git/deploy',
      `https://dev.azure.com/acme/shop/_git/deploy/commit/${SHA}`,
    ],
    [
      'git@ssh.dev.azure.com:v3/acme/shop/deploy',
      `https://dev.azure.com/acme/shop/_git/deploy/commit/${SHA}`,
    ],
    [
      'https://acme.visualstudio.com/shop/_git/deploy',
      `https://acme.visualstudio.com/shop/_git/deploy/commit/${SHA}`,
    ],
    [
      'https://gitea.acme.dev/ops/deploy.git',
      `https://gitea.acme.dev/ops/deploy/commit/${SHA}`,
    ],
  ])('%s', (repoURL, expected) => {
    expect(commitUrl(repoURL, SHA)).toBe(expected);
  });

  it('links the commit inside a Flux revision', () => {
    expect(
      commitUrl('https://github.com/acme/deploy', `main@sha1:${SHA}`),
    ).toBe(`https://github.com/acme/deploy/commit/${SHA}`);
  });

  it.each([
    [
      'a Helm chart source',
      'https://argoproj.github.io/argo-helm',
      SHA,
      { chart: 'argo-workflows' },
    ],
    [
      'a chart version',
      'https://argoproj.github.io/argo-helm',
      '0.45.27',
      undefined,
    ],
    [
      'an OCI registry',
      'oci://europe-west1-docker.pkg.dev/foo/charts',
      SHA,
      undefined,
    ],
    ['a branch', 'https://github.com/acme/deploy', 'main', undefined],
    ['HEAD', 'https://github.com/acme/deploy', 'HEAD', undefined],
    [
      'an all-digit tag',
      'https://github.com/acme/deploy',
      '20240501',
      undefined,
    ],
    [
      'a javascript: URL',
      // eslint-disable-next-line no-script-url -- a hostile input under test
      'javascript:alert(1)//github.com/a/b',
      SHA,
      undefined,
    ],
    [
      'a path escaping the repository',
      'https://github.com/acme/../../evil',
      SHA,
      undefined,
    ],
    [
      'an encoded dot-dot',
      'https://github.com/acme/%2e%2e/evil',
      SHA,
      undefined,
    ],
    ['a query string', 'https://github.com/acme/deploy?x=1', SHA, undefined],
    ['a quote', 'https://github.com/acme/"onmouseover', SHA, undefined],
    ['an empty URL', '', SHA, undefined],
    ['no URL', undefined, SHA, undefined],
    ['no revision', 'https://github.com/acme/deploy', undefined, undefined],
  ])('is undefined for %s', (_case, repoURL, revision, source) => {
    expect(commitUrl(repoURL, revision, source)).toBeUndefined();
  });
});

describe('repositoryUrl', () => {
  it('gives the browsable address without credentials or .git', () => {
    expect(repositoryUrl('git@github.com:acme/deploy.git')).toBe(
      'https://github.com/acme/deploy',
    );
    expect(repositoryUrl('https://user:pw@gitlab.com/acme/deploy.git')).toBe(
      'https://gitlab.com/acme/deploy',
    );
    expect(repositoryUrl('oci://registry.example.com/charts')).toBeUndefined();
  });
});

describe('shortRevision', () => {
  it.each([
    [SHA, '53e28ff'],
    ['A'.repeat(64), 'AAAAAAA'],
    ['ea87599', 'ea87599'],
    ['v1.2.3', 'v1.2.3'],
    ['0.45.27', '0.45.27'],
    ['main', 'main'],
    [`main@sha1:${SHA}`, 'main@53e28ff'],
    [`main/${SHA}`, 'main@53e28ff'],
    ['', ''],
    [undefined, ''],
  ])('%j → %j', (revision, expected) => {
    expect(shortRevision(revision)).toBe(expected);
  });
});

describe('commitShaOf', () => {
  it('finds SHAs and only SHAs', () => {
    expect(commitShaOf(SHA.toUpperCase())).toBe(SHA);
    expect(commitShaOf(`release/1.0@sha1:${SHA}`)).toBe(SHA);
    expect(commitShaOf('v1.2.3')).toBeUndefined();
  });
});
