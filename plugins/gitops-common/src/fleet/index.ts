export * from './types';
export { fleetLinksOf, labelsOf } from './fleetLinks';
export { targetClaims } from './claims';
export * from './view';
