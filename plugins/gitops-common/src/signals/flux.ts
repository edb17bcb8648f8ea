import { truncate } from '../internal/json';
import type { ApplicationSummary } from '../types';
import { fluxSignal, kindSignal, reasonSignal } from './vocabulary';

/**
 * The Flux-only signals of an application read from a Flux object
 * (`sourceKind: 'flux'`): `kind:<kind>`, `flux:ready|not-ready|suspended`
 * and `reason:<reason>` per condition with a reason. The Flux mapper fills
 * `kind`, `suspended` and `conditions` (with `status` and `reason`) — this
 * is the only place that reads them for signals.
 * @public
 */
export function fluxSignalsOf(
  app: ApplicationSummary,
): Array<{ signal: string; fact: string }> {
  const out: Array<{ signal: string; fact: string }> = [];
  const kind = app.kind || 'object';
  out.push({ signal: kindSignal(kind), fact: `this is a Flux ${kind}` });

  if (app.suspended) {
    out.push({
      signal: fluxSignal('suspended'),
      fact: `reconciliation of the ${kind} is suspended (spec.suspend: true)`,
    });
  }
  const conditions = app.conditions ?? [];
  const ready = conditions.find(condition => condition.type === 'Ready');
  if (ready) {
    const detail = ready.message ? `: ${truncate(ready.message, 160)}` : '';
    out.push(
      ready.status === 'True'
        ? {
            signal: fluxSignal('ready'),
            fact: `the ${kind} is Ready${
              ready.reason ? ` (${ready.reason})` : ''
            }`,
          }
        : {
            signal: fluxSignal('not-ready'),
            fact: `the ${kind} is not Ready${
              ready.reason ? ` (${ready.reason})` : ''
            }${detail}`,
          },
    );
  }
  // Ready's reason first: it is the one that explains the state.
  const withReasons = [...conditions].sort(
    (a, b) => Number(b.type === 'Ready') - Number(a.type === 'Ready'),
  );
  for (const condition of withReasons) {
    if (condition.reason) {
      out.push({
        signal: reasonSignal(condition.reason),
        fact: `${condition.type} is ${
          condition.status ?? 'Unknown'
        } with reason ${condition.reason}${
          condition.message ? `: ${truncate(condition.message, 160)}` : ''
        }`,
      });
    }
  }
  return out;
}
