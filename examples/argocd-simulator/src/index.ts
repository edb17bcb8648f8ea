/**
 * An Argo CD API simulator for the demo portal, integration tests and benchmarks.
 *
 * @packageDocumentation
 */

export { startSimulator } from './server';
export type {
  FaultSpec,
  RecordedRequest,
  Simulator,
  SimulatorOptions,
} from './types';
