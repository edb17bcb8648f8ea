export { ApplicationActions } from './ApplicationActions';
export { useFollowOperation } from './useFollowOperation';
export type { OperationFollow } from './useFollowOperation';
