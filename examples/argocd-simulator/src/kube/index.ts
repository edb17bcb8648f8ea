export { startKubeApiServer } from './server';
export type {
  KubeApiServer,
  KubeApiServerOptions,
  KubeFault,
  KubeObject,
  KubeObjectRef,
  KubeRequest,
} from './types';
export { BUNDLED_KUBE_SCENARIO_DIR, loadKubeObjects } from './scenarios';
export {
  KNOWN_RESOURCES,
  resourceName,
  type ServedResource,
} from './resources';
