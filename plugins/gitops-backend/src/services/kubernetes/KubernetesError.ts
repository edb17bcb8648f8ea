import { UpstreamError } from '../shared/UpstreamError';

/**
 * A failed Kubernetes API call; the message names the cluster and the
 * resource and says what to fix. See {@link UpstreamError} for the codes and
 * the HTTP status it answers with.
 * @public
 */
export class KubernetesError extends UpstreamError {
  name = 'KubernetesError' as const;

  /** The same failure with another message (e.g. "Flux is not installed" for a 404). */
  withMessage(message: string): KubernetesError {
    return new KubernetesError({
      instance: this.instance,
      code: this.code,
      application: this.application,
      httpStatus: this.httpStatus,
      message,
    });
  }
}
