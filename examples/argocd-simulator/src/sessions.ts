import {
  createHmac,
  randomBytes,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError, GrpcCode } from './errors';

/**
 * Authentication of one simulator: per instance a static API token (what an Argo CD account token is to a
 * client) and an `admin` password that `POST /api/v1/session` exchanges for a session token.
 *
 * Session tokens are real HS256 JWTs with Argo CD's claims (`iss: argocd`, `sub: admin:login`, `exp`), so a client
 * that decodes the expiry to refresh early works as it would against Argo CD. Each instance signs with its own key:
 * a token from `edge` is not valid on `central`.
 */
export interface SessionOptions {
  ttlSeconds: number;
  tokens: Map<string, string>;
  passwords: Map<string, string>;
  /** Per instance, API tokens of the read-only account. */
  readOnlyTokens: Map<string, string[]>;
}

interface Session {
  instance: string;
  expiresAt: number;
  issuedAt: number;
}

/** Who a request acts as, as Argo CD's session code sees it. */
export interface Account {
  /** `session.Username`: what `initiatedBy.username` records. */
  username: string;
  /** The token's `sub` claim: `<account>:apiKey` for API tokens, `admin:login` for sessions. */
  subject: string;
  /** The token's `iat`, in seconds. */
  issuedAt: number;
  /** Whether RBAC lets the account sync (and roll back); the read-only account may only get. */
  canSync: boolean;
}

/** The local account the static API token of each instance belongs to. */
export const TOKEN_ACCOUNT = 'backstage';
/** The local account of the read-only tokens (RBAC `role:readonly`). */
export const READ_ONLY_ACCOUNT = 'backstage-readonly';

const base64url = (data: string | Buffer) =>
  Buffer.from(data).toString('base64url');

const unauthenticated = (message: string) =>
  new ApiError(GrpcCode.Unauthenticated, message);

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly keys = new Map<string, Buffer>();
  /** When the static API tokens were "generated": their `iat`. */
  private readonly tokensIssuedAt = Math.floor(Date.now() / 1000);

  constructor(private readonly options: SessionOptions) {}

  staticToken(instance: string): string {
    const token = this.options.tokens.get(instance);
    if (!token) {
      throw new Error(`Unknown instance ${instance}`);
    }
    return token;
  }

  /** `POST /api/v1/session`; throws Argo CD's Unauthenticated errors for bad credentials. */
  login(instance: string, username: unknown, password: unknown): string {
    if (typeof password !== 'string' || password === '') {
      throw unauthenticated('Blank passwords are not allowed');
    }
    if (
      username !== 'admin' ||
      password !== this.options.passwords.get(instance)
    ) {
      throw unauthenticated('Invalid username or password');
    }
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + this.options.ttlSeconds;
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = base64url(
      JSON.stringify({
        iss: 'argocd',
        sub: 'admin:login',
        exp: expiresAt,
        nbf: now,
        iat: now,
        jti: randomUUID(),
      }),
    );
    const token = `${header}.${payload}.${this.sign(
      instance,
      `${header}.${payload}`,
    )}`;
    this.sessions.set(token, {
      instance,
      expiresAt: expiresAt * 1000,
      issuedAt: now,
    });
    return token;
  }

  expireAll(): void {
    for (const session of this.sessions.values()) {
      session.expiresAt = 0;
    }
  }

  /** Whether the request carries a valid token for the instance; used where Argo CD answers anonymous callers too. */
  isAuthenticated(instance: string, req: IncomingMessage): boolean {
    try {
      this.authenticate(instance, req);
      return true;
    } catch {
      return false;
    }
  }

  /** The request's account; throws the 401 Argo CD sends when the token is missing, malformed, foreign or expired. */
  authenticate(instance: string, req: IncomingMessage): Account {
    const token = tokenFromRequest(req);
    if (!token) {
      throw unauthenticated('no session information');
    }
    if (safeEqual(token, this.staticToken(instance))) {
      return this.apiKeyAccount(TOKEN_ACCOUNT, true);
    }
    const readOnly = this.options.readOnlyTokens.get(instance) ?? [];
    if (readOnly.some(candidate => safeEqual(token, candidate))) {
      return this.apiKeyAccount(READ_ONLY_ACCOUNT, false);
    }
    const session = this.sessions.get(token);
    if (session && session.instance === instance) {
      if (session.expiresAt <= Date.now()) {
        throw unauthenticated(
          'invalid session: token has invalid claims: token is expired',
        );
      }
      return {
        username: 'admin',
        subject: 'admin:login',
        issuedAt: session.issuedAt,
        canSync: true,
      };
    }
    // The wording of golang-jwt, which Argo CD wraps in "invalid session: ..."
    throw unauthenticated(
      token.split('.').length === 3
        ? 'invalid session: token signature is invalid: signature is invalid'
        : 'invalid session: token is malformed: token contains an invalid number of segments',
    );
  }

  private apiKeyAccount(name: string, canSync: boolean): Account {
    return {
      username: name,
      subject: `${name}:apiKey`,
      issuedAt: this.tokensIssuedAt,
      canSync,
    };
  }

  private sign(instance: string, content: string): string {
    let key = this.keys.get(instance);
    if (!key) {
      key = randomBytes(32);
      this.keys.set(instance, key);
    }
    return createHmac('sha256', key).update(content).digest('base64url');
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Argo CD reads the `Authorization: Bearer` header first, then the `argocd.token` cookie its UI sets. */
function tokenFromRequest(req: IncomingMessage): string | undefined {
  const authorization = req.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const token = authorization.slice('Bearer '.length).trim();
    if (token) {
      return token;
    }
  }
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'argocd.token' && rest.length > 0) {
      return decodeURIComponent(rest.join('='));
    }
  }
  return undefined;
}
