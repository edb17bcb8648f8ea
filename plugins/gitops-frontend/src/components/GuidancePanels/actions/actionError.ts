import { ResponseError } from '@backstage/errors';
import { ApplicationSummary } from '@gitops-guide/backstage-plugin-gitops-common';

/** A failed action as the dialog shows it: what kind of failure, and the backend's own words. */
export interface ActionErrorText {
  title: string;
  message: string;
}

function upstreamOf(app: Pick<ApplicationSummary, 'sourceKind'>): string {
  return app.sourceKind === 'flux' ? 'The cluster' : 'Argo CD';
}

/**
 * Names the failure by its status (the backend's contract for the action
 * routes) and keeps the message the backend wrote, which says what to do.
 */
export function actionErrorText(
  error: Error,
  app: Pick<ApplicationSummary, 'sourceKind'>,
): ActionErrorText {
  if (!ResponseError.is(error)) {
    return { title: 'The request failed', message: error.message };
  }
  const message = error.cause.message || error.message;
  switch (error.statusCode) {
    case 403:
      return { title: 'Not allowed', message };
    case 404:
      return {
        title: 'The backend does not accept this action for the application',
        message,
      };
    case 409:
      return { title: 'Not possible in the current state', message };
    case 502:
      return { title: `${upstreamOf(app)} refused or failed`, message };
    case 504:
      return { title: `${upstreamOf(app)} did not answer in time`, message };
    default:
      return {
        title: `The request failed (${error.statusCode} ${error.statusText})`,
        message,
      };
  }
}
