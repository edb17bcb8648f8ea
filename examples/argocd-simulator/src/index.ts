/**
 * An Argo CD API simulator for the demo portal, integration tests and benchmarks,
 * and a fake Kubernetes API server serving Argo CD Applications and Flux objects.
 *
 * @packageDocumentation
 */

export { startSimulator } from './server';
export type {
  ApplicationStatusChange,
  FaultSpec,
  RecordedRequest,
  Simulator,
  SimulatorOptions,
} from './types';
export * from './kube';
