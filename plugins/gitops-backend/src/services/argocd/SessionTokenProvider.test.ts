import {
  jwtExpiry,
  LOGIN_BACKOFF_INITIAL_MS,
  LOGIN_BACKOFF_MAX_MS,
  SessionTokenProvider,
} from './SessionTokenProvider';

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
    const provider = new SessionTokenProvider({
      login: async () => {
        logins += 1;
        return jwt({ exp: now / 1000 + 3600, n: logins });
      },
      password: 'pw',
      now: () => now,
    });
    const first = await provider.getToken();
    now += 3000 * 1000;
    expect(await provider.getToken()).toBe(first);
    now += 560 * 1000;
    expect(await provider.getToken()).not.toBe(first);
    expect(logins).toBe(2);
  });

  it('keeps a token without exp until it is rejected', async () => {
    let logins = 0;
    const provider = new SessionTokenProvider({
      login: async () => {
        logins += 1;
        return `opaque-${logins}`;
      },
      password: 'pw',
    });
    expect(await provider.getToken()).toBe('opaque-1');
    expect(await provider.getToken()).toBe('opaque-1');
    expect(await provider.refresh('opaque-1')).toBe('opaque-2');
    // A late caller that still holds the old token gets the new one, without another login.
    expect(await provider.refresh('opaque-1')).toBe('opaque-2');
    expect(logins).toBe(2);
  });

  it('lists the password and the session token as secrets', async () => {
    const provider = new SessionTokenProvider({
      login: async () => 'tok-123',
      password: 'pw-secret',
    });
    await provider.getToken();
    expect(provider.secrets()).toEqual(['pw-secret', 'tok-123']);
  });

  describe('after a refused login', () => {
    function refusing() {
      let now = 1_000_000_000_000;
      const attempts: number[] = [];
      const refusals: number[] = [];
      let accept = false;
      const provider = new SessionTokenProvider({
        login: async () => {
          attempts.push(now);
          if (!accept) {
            throw new Error('refused');
          }
          return 'good-token';
        },
        password: 'pw',
        isRefusal: error => (error as Error).message === 'refused',
        onRefusal: (_error, retryInMs) => refusals.push(retryInMs),
        now: () => now,
      });
      return {
        provider,
        attempts,
        refusals,
        advance: (ms: number) => {
          now += ms;
        },
        acceptLogins: () => {
          accept = true;
        },
      };
    }

    it('answers the refusal from memory, with a growing and capped wait', async () => {
      const { provider, attempts, refusals, advance } = refusing();
      // 40 requests spread over a minute: 2 login attempts.
      for (let i = 0; i < 40; i++) {
        await expect(provider.getToken()).rejects.toThrow('refused');
        advance(1500);
      }
      expect(attempts).toHaveLength(2);
      expect(refusals).toEqual([
        LOGIN_BACKOFF_INITIAL_MS,
        LOGIN_BACKOFF_INITIAL_MS * 2,
      ]);
      for (let i = 0; i < 10; i++) {
        advance(LOGIN_BACKOFF_MAX_MS);
        await expect(provider.getToken()).rejects.toThrow('refused');
      }
      expect(Math.max(...refusals)).toBe(LOGIN_BACKOFF_MAX_MS);
    });

    it('resets the wait after a successful login', async () => {
      const { provider, attempts, refusals, advance, acceptLogins } =
        refusing();
      await expect(provider.getToken()).rejects.toThrow('refused');
      advance(LOGIN_BACKOFF_INITIAL_MS);
      acceptLogins();
      expect(await provider.getToken()).toBe('good-token');
      expect(attempts).toHaveLength(2);
      expect(refusals).toHaveLength(1);
    });

    it('does not back off after failures that are not refusals', async () => {
      let logins = 0;
      const provider = new SessionTokenProvider({
        login: async () => {
          logins += 1;
          throw new Error('network down');
        },
        password: 'pw',
        isRefusal: () => false,
      });
      await expect(provider.getToken()).rejects.toThrow('network down');
      await expect(provider.getToken()).rejects.toThrow('network down');
      expect(logins).toBe(2);
    });
  });
});
