import { jwtExpiry, SessionTokenProvider } from './SessionTokenProvider';

const jwt = (claims: object) =>
  `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('jwtExpiry', () => {
  it('reads exp in milliseconds', () => {
    expect(jwtExpiry(jwt({ exp: 1700000000 }))).toBe(1700000000000);
  });

  it('is undefined for tokens that are not JWTs or carry no exp', () => {
    expect(jwtExpiry('opaque-token')).toBeUndefined();
    expect(jwtExpiry('a.b%%.c')).toBeUndefined();
    expect(jwtExpiry(jwt({ sub: 'admin' }))).toBeUndefined();
  });
});

describe('SessionTokenProvider', () => {
  it('keeps a token until shortly before it expires', async () => {
    let now = 1_000_000_000_000;
    let logins = 0;
    const provider = new SessionTokenProvider(
      async () => {
        logins += 1;
        return jwt({ exp: now / 1000 + 3600, n: logins });
      },
      'pw',
      () => now,
    );
    const first = await provider.getToken();
    now += 3000 * 1000;
    expect(await provider.getToken()).toBe(first);
    now += 560 * 1000;
    expect(await provider.getToken()).not.toBe(first);
    expect(logins).toBe(2);
  });

  it('keeps a token without exp until it is rejected', async () => {
    let logins = 0;
    const provider = new SessionTokenProvider(async () => {
      logins += 1;
      return `opaque-${logins}`;
    }, 'pw');
    expect(await provider.getToken()).toBe('opaque-1');
    expect(await provider.getToken()).toBe('opaque-1');
    expect(await provider.refresh('opaque-1')).toBe('opaque-2');
    // A late caller that still holds the old token gets the new one, without another login.
    expect(await provider.refresh('opaque-1')).toBe('opaque-2');
    expect(logins).toBe(2);
  });

  it('lists the password and the session token as secrets', async () => {
    const provider = new SessionTokenProvider(
      async () => 'tok-123',
      'pw-secret',
    );
    await provider.getToken();
    expect(provider.secrets()).toEqual(['pw-secret', 'tok-123']);
  });
});
