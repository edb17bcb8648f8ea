import { rfc3339 } from '../rfc3339';
import type { ArgoApplication } from '../types';
import { BLOCKED_BY_SYNC_WINDOW, withOperationRunning } from './lifecycle';
import type { AppSimulation } from './simulation';
import { withOperationFinished } from './syncOutcome';
import type { KeyedTimers } from './timers';

/** An app whose operation the simulated controller runs, wherever it is stored (Argo CD API or Kubernetes API). */
export interface OperationSubject {
  /** Unique per app, e.g. `central/argocd/payments-api-prod`. */
  key: string;
  /** The app as stored now; undefined once it is gone (a reset, objects replaced). */
  current(): ArgoApplication | undefined;
  /** Stores the next state of the app. */
  update(app: ArgoApplication): void;
  simulation?: AppSimulation;
}

/**
 * Plays Argo CD's application controller for requested operations: it picks the operation up at once (Running),
 * and ends it `durationMs` later, unless a deny sync window holds it Running.
 */
export class OperationRunner {
  constructor(
    private readonly timers: KeyedTimers,
    private readonly durationMs: number,
  ) {}

  run(subject: OperationSubject): void {
    this.timers.schedule(subject.key, 0, () => {
      const requested = subject.current();
      if (!requested?.operation) {
        return;
      }
      const blocked = subject.simulation?.syncWindowBlocks === true;
      subject.update(
        withOperationRunning(
          requested,
          rfc3339(),
          blocked ? BLOCKED_BY_SYNC_WINDOW : undefined,
        ),
      );
      if (!blocked) {
        this.timers.schedule(subject.key, this.durationMs, () =>
          this.finish(subject),
        );
      }
    });
  }

  private finish(subject: OperationSubject): void {
    const running = subject.current();
    if (running?.operation) {
      subject.update(
        withOperationFinished(running, subject.simulation, rfc3339()),
      );
    }
  }
}
