export * from './types';
export {
  normalizeFluxObject,
  normalizeFluxObjectDetail,
  fluxKindOf,
  type FluxNormalizeContext,
} from './normalize';
export { FLUX_PROGRESSING_REASONS } from './readiness';
export {
  describeFluxSourceRef,
  fluxSourceRefOf,
  type FluxSourceInfo,
  type FluxSourceLookup,
  type FluxSourceRef,
} from './source';
