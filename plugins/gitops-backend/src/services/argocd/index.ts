export { argoCdStatusServiceRef } from './argoCdStatusServiceRef';
export { ArgoCdClient } from './ArgoCdClient';
export type { ApplicationLocator, ListApplicationsQuery } from './ArgoCdClient';
export { ArgoCdError } from './ArgoCdError';
export { DefaultArgoCdStatusService } from './DefaultArgoCdStatusService';
export type { ApplicationRef, ArgoCdStatusService } from './types';
