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
 * A failed Kubernetes API call, classified as a {@link SourceError} code. The
 * message names the cluster and the resource, says what to fix, and never
 * contains a credential. The platform's error handler answers it with
 * `statusCode` (404 for `not-found`, 504 for `timeout`, otherwise 502).
 * @public
 */
export class KubernetesError extends CustomErrorBase {
  name = 'KubernetesError' as const;
  readonly code: SourceErrorCode;
  /** The configured cluster name. */
  readonly instance: string;
  readonly statusCode: number;
  /** HTTP status of the API server's answer, when there was one. */
  readonly httpStatus?: number;

  constructor(options: {
    instance: string;
    code: SourceErrorCode;
    message: string;
    httpStatus?: number;
  }) {
    super(options.message);
    this.code = options.code;
    this.instance = options.instance;
    this.statusCode = STATUS_BY_CODE[options.code];
    if (options.httpStatus !== undefined) {
      this.httpStatus = options.httpStatus;
    }
  }

  /** The same failure with another message (e.g. "Flux is not installed" for a 404). */
  withMessage(message: string): KubernetesError {
    return new KubernetesError({
      instance: this.instance,
      code: this.code,
      message,
      httpStatus: this.httpStatus,
    });
  }

  toSourceError(): SourceError {
    return { instance: this.instance, code: this.code, message: this.message };
  }
}
