import {
  stripUrlCredentials,
  stripUrlCredentialsInText,
} from './urlCredentials';

describe('stripUrlCredentials', () => {
  it.each([
    [
      'https://user:token@github.com/org/repo.git',
      'https://github.com/org/repo.git',
    ],
    // A token passed as the user name is a credential too.
    ['https://ghp_abc123@github.com/org/repo', 'https://github.com/org/repo'],
    [
      'https://x-access-token:ghs_abc@github.com/org/repo.git',
      'https://github.com/org/repo.git',
    ],
    [
      'http://user:pw@gitea.local:3000/org/repo',
      'http://gitea.local:3000/org/repo',
    ],
    ['https://:pw@host/repo', 'https://host/repo'],
    ['oci://user:pw@ghcr.io/acme/charts', 'oci://ghcr.io/acme/charts'],
    ['git://user@host/repo.git', 'git://host/repo.git'],
    // A raw `@` in a password: the host follows the last one.
    ['https://user:p@ss@github.com/org/repo', 'https://github.com/org/repo'],
    // Percent-encoded credentials go as a whole.
    ['https://us%40er:p%3Ass@host/r', 'https://host/r'],
    // ssh keeps the account name, loses a password.
    ['ssh://git:secret@github.com/org/repo', 'ssh://git@github.com/org/repo'],
    ['git+ssh://git:secret@host/org/repo', 'git+ssh://git@host/org/repo'],
    ['ssh://:secret@host/org/repo', 'ssh://host/org/repo'],
    // A URL quoted inside another one.
    [
      'https://host/login?next=https://user:tok@other/x',
      'https://host/login?next=https://other/x',
    ],
  ])('%s → %s', (url, expected) => {
    expect(stripUrlCredentials(url)).toBe(expected);
  });

  it.each([
    'https://github.com/org/repo.git',
    'https://GitHub.com/org/repo', // not re-serialized without credentials
    'ssh://git@github.com/org/repo',
    'ssh://git@ssh.dev.azure.com:22/v3/org/project/repo',
    'git@github.com:org/repo.git',
    'ghcr.io/acme/charts',
    'GitRepository/flux-system/podinfo',
    'https://registry.example.com/v2/app@sha256:abc',
    '',
  ])('leaves %j as it is', url => {
    expect(stripUrlCredentials(url)).toBe(url);
  });

  it('cleans a value that does not parse as a URL like text', () => {
    expect(stripUrlCredentials('https://user:tok@')).toBe('https://');
    expect(stripUrlCredentials('https://user:tok@exa mple.com/x')).toBe(
      'https://exa mple.com/x',
    );
  });
});

describe('stripUrlCredentialsInText', () => {
  it.each([
    [
      'failed to fetch https://deploy:ghp_abc@github.com/org/repo: authentication required',
      'failed to fetch https://github.com/org/repo: authentication required',
    ],
    [
      'rpc error: code = Unknown desc = Get "https://u:p@charts.example.com/index.yaml": 401',
      'rpc error: code = Unknown desc = Get "https://charts.example.com/index.yaml": 401',
    ],
    [
      "repository 'https://ghp_xyz@github.com/a/b' not accessible and 'oci://u:p@ghcr.io/c' neither",
      "repository 'https://github.com/a/b' not accessible and 'oci://ghcr.io/c' neither",
    ],
    [
      'clone ssh://git:hunter2@host/org/repo failed',
      'clone ssh://git@host/org/repo failed',
    ],
    ['HTTPS://User:Tok@Host/x', 'HTTPS://Host/x'],
    ['(https://a:b@h)', '(https://h)'],
    ['https://user:p@ss@host/x', 'https://host/x'],
  ])('%s', (text, expected) => {
    expect(stripUrlCredentialsInText(text)).toBe(expected);
  });

  it.each([
    'Jane Doe <jane@example.com>',
    'committed by jane@example.com via https://github.com/org/repo',
    'https://github.com/org/repo mentions jane@example.com',
    'git@github.com:org/repo.git: Permission denied (publickey)',
    'ssh://git@github.com/org/repo: host key verification failed',
    'revision main@sha1:0123456789abcdef',
    'image ghcr.io/acme/app@sha256:abc',
    'no URL here',
  ])('leaves %j as it is', text => {
    expect(stripUrlCredentialsInText(text)).toBe(text);
  });

  it('stays fast on long text without a URL', () => {
    const text = `${'a'.repeat(200_000)}@${'b://'.repeat(50_000)}`;
    const started = Date.now();
    stripUrlCredentialsInText(text);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
