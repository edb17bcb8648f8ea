export * from './vocabulary';
export {
  MESSAGE_PATTERNS,
  matchMessagePatterns,
  objectNamedIn,
  type MessagePattern,
  type ObjectRef,
} from './messagePatterns';
export { fluxSignalsOf } from './flux';
export { signalsOf } from './signalsOf';
