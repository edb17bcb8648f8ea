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

/**
 * A session token obtained with a user name and password. Concurrent callers
 * share one login; the token is kept until shortly before its JWT `exp` (or
 * until a 401 when it carries none).
 */
export class SessionTokenProvider implements TokenProvider {
  #token?: { value: string; expiresAt?: number };
  #pending?: Promise<string>;
  #lastToken?: string;

  constructor(
    private readonly login: () => Promise<string>,
    private readonly password: string,
    private readonly now: () => number = Date.now,
  ) {}

  async getToken(): Promise<string> {
    const current = this.#token;
    if (
      current &&
      (current.expiresAt === undefined ||
        current.expiresAt - EXPIRY_MARGIN_SECONDS * 1000 > this.now())
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
    return [this.password, ...(this.#lastToken ? [this.#lastToken] : [])];
  }

  #login(): Promise<string> {
    if (!this.#pending) {
      this.#pending = this.login()
        .then(value => {
          this.#token = { value, expiresAt: jwtExpiry(value) };
          this.#lastToken = value;
          return value;
        })
        .finally(() => {
          this.#pending = undefined;
        });
    }
    return this.#pending;
  }
}
