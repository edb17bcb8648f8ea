import { ReactNode } from 'react';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';

type StatusComponent = (props: { children?: ReactNode }) => JSX.Element;

const SYNC: Record<string, StatusComponent> = {
  Synced: StatusOK,
  OutOfSync: StatusWarning,
};

const HEALTH: Record<string, StatusComponent> = {
  Healthy: StatusOK,
  Progressing: StatusPending,
  Degraded: StatusError,
  Missing: StatusWarning,
  // Suspended is a deliberate pause, not a fault.
  Suspended: StatusAborted,
};

const PHASE: Record<string, StatusComponent> = {
  Succeeded: StatusOK,
  Running: StatusPending,
  Terminating: StatusPending,
  Failed: StatusError,
  Error: StatusError,
};

function renderStatus(
  table: Record<string, StatusComponent>,
  status: string | undefined,
) {
  const word = status || 'Unknown';
  // Own-property check: a status word such as `constructor` must not pick a prototype member.
  const Status = Object.prototype.hasOwnProperty.call(table, word)
    ? table[word]
    : StatusAborted;
  return <Status>{word}</Status>;
}

/** Argo CD's sync status with the matching Backstage status icon. */
export const SyncStatusLabel = (props: { status: string | undefined }) =>
  renderStatus(SYNC, props.status);

/** Argo CD's health status with the matching Backstage status icon. */
export const HealthStatusLabel = (props: { status: string | undefined }) =>
  renderStatus(HEALTH, props.status);

/** Argo CD's operation phase with the matching Backstage status icon. */
export const OperationPhaseLabel = (props: { status: string | undefined }) =>
  renderStatus(PHASE, props.status);
