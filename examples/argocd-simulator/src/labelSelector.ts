import {
  LabelSelectorError,
  parseLabelSelector,
  type LabelSelectorRequirement,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { ApiError, GrpcCode } from './errors';

/**
 * The `selector` query parameter, read with Kubernetes' `labels.Parse` grammar. Argo CD wraps a parse error in a
 * plain Go error (`<errorPrefix>: <problem>`), which grpc-gateway answers as gRPC Unknown / HTTP 500, not 400.
 */
export function selectorParam(
  query: URLSearchParams,
  errorPrefix: string,
): LabelSelectorRequirement[] {
  try {
    return parseLabelSelector(query.get('selector') ?? '');
  } catch (error) {
    if (error instanceof LabelSelectorError) {
      throw new ApiError(GrpcCode.Unknown, `${errorPrefix}: ${error.message}`);
    }
    throw error;
  }
}

/** Shared with the backend's watch store: the Kubernetes API server's semantics. */
export { matchesLabelSelector } from '@gitops-guide/backstage-plugin-gitops-common';
