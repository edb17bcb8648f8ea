export { kubernetesStatusServiceRef } from './kubernetesStatusServiceRef';
export {
  DefaultKubernetesStatusService,
  fluxSelectorOf,
} from './DefaultKubernetesStatusService';
export { KubernetesError } from './KubernetesError';
export {
  KUBERNETES_OBJECT_KINDS,
  type KubernetesObjectKind,
  type KubernetesObjectRef,
  type KubernetesStatusService,
} from './types';
