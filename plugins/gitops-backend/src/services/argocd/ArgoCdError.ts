import { CustomErrorBase } from '@backstage/errors';
import type {
  SourceError,
  SourceErrorCode,
} from '@gitops-guide/backstage-plugin-gitops-common';

/** HTTP status the detail route answers with for each upstream failure. */
const STATUS_BY_CODE: Record<SourceErrorCode, number> = {
  unreachable: 502,
  timeout: 504,
  unauthorized: 502,
  forbidden: 502,
  'not-found': 404,
  'bad-response': 502,
};

/**
 * A failed Argo CD API call, classified as a {@link SourceError} code. The
 * message is written for the person reading the card and never contains a
 * credential. When it reaches the platform's error handler it answers with
 * `statusCode` (404 for `not-found`, 504 for `timeout`, otherwise 502: the
 * caller did nothing wrong, the upstream did).
 * @public
 */
export class ArgoCdError extends CustomErrorBase {
  name = 'ArgoCdError' as const;
  readonly code: SourceErrorCode;
  readonly instance: string;
  readonly application?: string;
  readonly statusCode: number;
  /** The gRPC code of Argo CD's error body (5 = NotFound), when it sent one. */
  readonly upstreamCode?: number;

  constructor(options: {
    instance: string;
    code: SourceErrorCode;
    message: string;
    application?: string;
    upstreamCode?: number;
  }) {
    super(options.message);
    this.code = options.code;
    this.instance = options.instance;
    if (options.application) {
      this.application = options.application;
    }
    this.statusCode = STATUS_BY_CODE[options.code];
    if (options.upstreamCode !== undefined) {
      this.upstreamCode = options.upstreamCode;
    }
  }

  toSourceError(): SourceError {
    const error: SourceError = {
      instance: this.instance,
      code: this.code,
      message: this.message,
    };
    if (this.application) {
      error.application = this.application;
    }
    return error;
  }
}

/** Shorter values are too likely to be ordinary words to be replaced. */
const MIN_REDACTED_LENGTH = 4;

/** Replaces every occurrence of the given secrets, and anything shaped like a JWT, with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_REDACTED_LENGTH) {
      result = result.split(secret).join('[redacted]');
    }
  }
  return result.replace(
    /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
    '[redacted]',
  );
}
