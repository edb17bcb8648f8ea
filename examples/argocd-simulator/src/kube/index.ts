export {
  startKubeApiServer,
  type KubeApiServer,
  type KubeApiServerOptions,
  type KubeFault,
  type KubeObject,
  type KubeRequest,
} from './server';
export { BUNDLED_KUBE_SCENARIO_DIR, loadKubeObjects } from './scenarios';
export {
  KNOWN_RESOURCES,
  resourceName,
  type ServedResource,
} from './resources';
