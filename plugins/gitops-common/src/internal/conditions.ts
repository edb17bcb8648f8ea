import type { ApplicationCondition } from '../types';
import { asMessage, asRecordArray, asString, copyStrings } from './json';

/**
 * `status.conditions` in our model, skipping entries without a `type`.
 * `status` and `reason` are kept when present: Flux's `metav1.Condition`
 * has them, Argo CD's `ApplicationCondition` has neither.
 */
export function toConditions(raw: unknown): ApplicationCondition[] {
  return asRecordArray(raw).flatMap(condition => {
    const type = asString(condition.type);
    if (!type) {
      return [];
    }
    const result: ApplicationCondition = {
      type,
      message: asMessage(condition.message) ?? '',
    };
    return [
      copyStrings(result, condition, [
        'status',
        'reason',
        'lastTransitionTime',
      ]),
    ];
  });
}
