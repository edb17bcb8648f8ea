import { decodeJwt } from 'jose';

/**
 * Where the bearer token for one Argo CD instance comes from: a static
 * account token, or a session token from `POST /api/v1/session` that is
 * reused until it expires or is rejected.
 */
export interface TokenProvider {
  /** The token to send now. */
  getToken(): Promise<string>;
  /**
   * Called after a 401 answered `rejected`. Returns a fresh token to retry
   * once with, or `undefined` when retrying cannot help (a static token).
   */
  refresh(rejected: string): Promise<string | undefined>;
  /** Values that must never appear in a message: the token and password. */
  secrets(): string[];
}

/** A static Argo CD API token: nothing to refresh. */
export class StaticTokenProvider implements TokenProvider {
  constructor(private readonly token: string) {}

  async getToken(): Promise<string> {
    return this.token;
  }

  async refresh(): Promise<undefined> {
    return undefined;
  }

  secrets(): string[] {
    return [this.token];
  }
}

/** Seconds before a session token's `exp` at which it is replaced. */
const EXPIRY_MARGIN_SECONDS = 60;

/** The `exp` claim of a JWT in milliseconds, or undefined when it does not decode. */
export function jwtExpiry(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Waiting time after the first refused login; it doubles with each refusal. */
export const LOGIN_BACKOFF_INITIAL_MS = 30_000;
/** Longest wait between two login attempts while logins are refused. */
export const LOGIN_BACKOFF_MAX_MS = 10 * 60_000;

/** How a {@link SessionTokenProvider} logs in and reports refusals. */
export interface SessionLoginOptions {
  login: () => Promise<string>;
  password: string;
  /** True for a failure that says the credentials are wrong (not a network error). */
  isRefusal?: (error: unknown) => boolean;
  /** Called once per refused login, with the wait before the next attempt. */
  onRefusal?: (error: unknown, retryInMs: number) => void;
  now?: () => number;
}

/**
 * A session token obtained with a user name and password. Concurrent callers
 * share one login; the token is kept until shortly before its JWT `exp` (or
 * until a 401 when it carries none). After a refused login, callers get the
 * same refusal from memory until a growing, capped wait has passed: a wrong
 * password must not become a stream of logins that trips Argo CD's
 * failed-login lockout. A successful login resets the wait.
 */
export class SessionTokenProvider implements TokenProvider {
  #token?: { value: string; expiresAt?: number };
  #pending?: Promise<string>;
  #lastToken?: string;
  #refused?: { error: unknown; retryAt: number; waitMs: number };
  readonly #options: SessionLoginOptions;
  readonly #now: () => number;

  constructor(options: SessionLoginOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  async getToken(): Promise<string> {
    const current = this.#token;
    if (
      current &&
      (current.expiresAt === undefined ||
        current.expiresAt - EXPIRY_MARGIN_SECONDS * 1000 > this.#now())
    ) {
      return current.value;
    }
    return this.#login();
  }

  async refresh(rejected: string): Promise<string> {
    // Another request may have logged in again already.
    if (this.#token && this.#token.value !== rejected) {
      return this.#token.value;
    }
    this.#token = undefined;
    return this.#login();
  }

  secrets(): string[] {
    return [
      this.#options.password,
      ...(this.#lastToken ? [this.#lastToken] : []),
    ];
  }

  #login(): Promise<string> {
    const refused = this.#refused;
    if (refused && this.#now() < refused.retryAt) {
      return Promise.reject(refused.error);
    }
    if (!this.#pending) {
      this.#pending = this.#options
        .login()
        .then(
          value => {
            this.#token = { value, expiresAt: jwtExpiry(value) };
            this.#lastToken = value;
            this.#refused = undefined;
            return value;
          },
          error => {
            if (this.#options.isRefusal?.(error)) {
              const waitMs = refused
                ? Math.min(refused.waitMs * 2, LOGIN_BACKOFF_MAX_MS)
                : LOGIN_BACKOFF_INITIAL_MS;
              this.#refused = { error, retryAt: this.#now() + waitMs, waitMs };
              this.#options.onRefusal?.(error, waitMs);
            }
            throw error;
          },
        )
        .finally(() => {
          this.#pending = undefined;
        });
    }
    return this.#pending;
  }
}
