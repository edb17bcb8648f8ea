import {
  UpstreamError,
  type UpstreamErrorOptions,
} from '../shared/UpstreamError';

/**
 * A failed Argo CD API call. See {@link UpstreamError} for the codes and the
 * HTTP status it answers with.
 * @public
 */
export class ArgoCdError extends UpstreamError {
  name = 'ArgoCdError' as const;
  /** The gRPC code of Argo CD's error body (5 = NotFound), when it sent one. */
  readonly upstreamCode?: number;

  constructor(options: UpstreamErrorOptions & { upstreamCode?: number }) {
    super(options);
    if (options.upstreamCode !== undefined) {
      this.upstreamCode = options.upstreamCode;
    }
  }
}
