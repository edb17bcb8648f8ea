import type { HealthStatus, OperationPhase, SyncStatus } from '../types';

/**
 * The signal vocabulary. A signal is `<category>:<value>`; knowledge entries
 * list the signals they are about, and `explain` matches them against an
 * application's live signals.
 *
 * | signal | holds when |
 * |---|---|
 * | `sync:<Synced,OutOfSync,Unknown>` | sync status (`sync:Unknown` = Argo CD's `on-sync-status-unknown`) |
 * | `health:<Healthy,Progressing,Degraded,Suspended,Missing,Unknown>` | health (`health:Degraded` = `on-health-degraded`) |
 * | `operation:<Running,Terminating,Failed,Error,Succeeded>` | phase of the last operation (`Failed`/`Error` = `on-sync-failed`, `Running` = `on-sync-running`) |
 * | `condition:<type>` | one per application condition (`ComparisonError`, `SyncError`, …) |
 * | `autoSync:`, `selfHeal:`, `prune:` + `enabled`/`disabled` | sync policy |
 * | `source:multi`, `source:helm` | multi-source application; a Helm chart or Helm-rendered source |
 * | `kind:<Kustomization,HelmRelease>` | Flux object kind |
 * | `flux:ready`, `flux:not-ready`, `flux:suspended` | Flux `Ready` condition and `spec.suspend` |
 * | `reason:<reason>` | Flux condition reasons (`ReconciliationFailed`, `UpgradeFailed`, …) |
 * | `history:rollback-candidate` | the rollback planner recommends a rollback |
 * | `message:<pattern id>` | a notable pattern in an operation, hook, condition, health or resource message; see `MESSAGE_PATTERNS` |
 *
 * Argo CD's `on-deployed` trigger is `operation:Succeeded` together with `health:Healthy`.
 */

/** Every signal category, strongest first. @public */
export type SignalCategory =
  | 'message'
  | 'condition'
  | 'operation'
  | 'reason'
  | 'history'
  | 'health'
  | 'sync'
  | 'flux'
  | 'kind'
  | 'source'
  | 'setting';

/** A sync-policy switch with an `enabled`/`disabled` signal. @public */
export type SettingName = 'autoSync' | 'selfHeal' | 'prune';

/** `source:multi`: the application has `spec.sources`. @public */
export const SIGNAL_SOURCE_MULTI = 'source:multi';
/** `source:helm`: a source is a Helm chart or is rendered by Helm. @public */
export const SIGNAL_SOURCE_HELM = 'source:helm';
/** `history:rollback-candidate`: the rollback planner recommends a rollback. @public */
export const SIGNAL_ROLLBACK_CANDIDATE = 'history:rollback-candidate';

/** `sync:<status>`. @public */
export function syncSignal(status: SyncStatus): string {
  return `sync:${status}`;
}

/** `health:<status>`. @public */
export function healthSignal(status: HealthStatus): string {
  return `health:${status}`;
}

/** `operation:<phase>`. @public */
export function operationSignal(phase: OperationPhase): string {
  return `operation:${phase}`;
}

/** `condition:<type>`. @public */
export function conditionSignal(type: string): string {
  return `condition:${type}`;
}

/** `message:<pattern id>`. @public */
export function messageSignal(patternId: string): string {
  return `message:${patternId}`;
}

/** `kind:<kind>` (Flux kinds). @public */
export function kindSignal(kind: string): string {
  return `kind:${kind}`;
}

/** `reason:<reason>` (Flux condition reasons). @public */
export function reasonSignal(reason: string): string {
  return `reason:${reason}`;
}

/** `flux:ready|not-ready|suspended`. @public */
export function fluxSignal(state: 'ready' | 'not-ready' | 'suspended'): string {
  return `flux:${state}`;
}

/** `autoSync:enabled`, `selfHeal:disabled`, … @public */
export function settingSignal(setting: SettingName, enabled: boolean): string {
  return `${setting}:${enabled ? 'enabled' : 'disabled'}`;
}

const SETTINGS: readonly string[] = ['autoSync', 'selfHeal', 'prune'];

/** The category of a signal, or undefined when it is not part of the vocabulary. @public */
export function signalCategory(signal: string): SignalCategory | undefined {
  const colon = signal.indexOf(':');
  if (colon <= 0) {
    return undefined;
  }
  const prefix = signal.slice(0, colon);
  if (SETTINGS.includes(prefix)) {
    return 'setting';
  }
  switch (prefix) {
    case 'message':
    case 'condition':
    case 'operation':
    case 'reason':
    case 'history':
    case 'health':
    case 'sync':
    case 'flux':
    case 'kind':
    case 'source':
      return prefix;
    default:
      return undefined;
  }
}
