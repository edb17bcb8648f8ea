import { redact } from './redact';

describe('redact', () => {
  it('replaces a secret of 8 or more characters anywhere', () => {
    expect(redact('token s3cretT0ken and xs3cretT0keny', ['s3cretT0ken'])).toBe(
      'token [redacted] and x[redacted]y',
    );
  });

  it('replaces a short secret where it stands alone', () => {
    expect(redact('login user:ab@host failed', ['ab'])).toBe(
      'login user:[redacted]@host failed',
    );
    expect(redact('password ab rejected', ['ab'])).toBe(
      'password [redacted] rejected',
    );
    expect(redact('ab', ['ab'])).toBe('[redacted]');
    expect(redact('"ab"', ['ab'])).toBe('"[redacted]"');
  });

  it('leaves words that contain a short secret alone', () => {
    expect(redact('about a cab, abc and ab2 or 2ab', ['ab'])).toBe(
      'about a cab, abc and ab2 or 2ab',
    );
    expect(redact('Über ab über', ['ber'])).toBe('Über ab über');
  });

  it('redacts a 1-character secret', () => {
    expect(redact('password x rejected; exit code 1', ['x'])).toBe(
      'password [redacted] rejected; exit code 1',
    );
  });

  it('escapes regular expression characters in a secret', () => {
    expect(redact('login a.b rejected; aXb is fine', ['a.b'])).toBe(
      'login [redacted] rejected; aXb is fine',
    );
    expect(
      redact('pw (*+?) and $1^ and [x]|\\', ['(*+?)', '$1^', '[x]|\\']),
    ).toBe('pw [redacted] and [redacted] and [redacted]');
    expect(redact('pw p$$w0rd.*(x) used', ['p$$w0rd.*(x)'])).toBe(
      'pw [redacted] used',
    );
  });

  it('replaces a long secret before a short one inside it', () => {
    expect(redact('t ab-cdefghij-k', ['ab', 'ab-cdefghij-k'])).toBe(
      't [redacted]',
    );
  });

  it('ignores empty secrets', () => {
    expect(redact('nothing to hide', ['', ''])).toBe('nothing to hide');
  });

  it('removes URL credentials and JWTs', () => {
    expect(
      redact(
        'Get "https://deploy:ghp_abc@github.com/org/repo": 401; bearer eyJhbGciOi.eyJzdWIiOi.sig',
        [],
      ),
    ).toBe('Get "https://github.com/org/repo": 401; bearer [redacted]');
  });
});
