import { CustomErrorBase } from '@backstage/errors';
import type {
  SourceError,
  SourceErrorCode,
} from '@gitops-guide/backstage-plugin-gitops-common';

/** HTTP status a route answers with for each upstream failure. */
const STATUS_BY_CODE: Record<SourceErrorCode, number> = {
  unreachable: 502,
  timeout: 504,
  unauthorized: 502,
  forbidden: 502,
  'not-found': 404,
  'bad-response': 502,
  stale: 503,
};

/** What every upstream failure carries. @public */
export interface UpstreamErrorOptions {
  /** The configured Argo CD instance or cluster name. */
  instance: string;
  code: SourceErrorCode;
  message: string;
  application?: string;
  /** HTTP status of the upstream's answer, when there was one. */
  httpStatus?: number;
}

/**
 * A failed call to an Argo CD instance or a cluster, classified as a
 * {@link @gitops-guide/backstage-plugin-gitops-common#SourceError} code. The
 * message is written for the person reading the card and never contains a
 * credential. When it reaches the platform's error handler it answers with
 * `statusCode`: 404 for `not-found`, 504 for `timeout`, otherwise 502 (the
 * caller did nothing wrong, the upstream did).
 * @public
 */
export class UpstreamError extends CustomErrorBase {
  readonly code: SourceErrorCode;
  readonly instance: string;
  readonly application?: string;
  readonly statusCode: number;
  readonly httpStatus?: number;

  constructor(options: UpstreamErrorOptions) {
    super(options.message);
    this.code = options.code;
    this.instance = options.instance;
    if (options.application) {
      this.application = options.application;
    }
    this.statusCode = STATUS_BY_CODE[options.code];
    if (options.httpStatus !== undefined) {
      this.httpStatus = options.httpStatus;
    }
  }

  /** The failure as an entry of an answer's `errors`. */
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
