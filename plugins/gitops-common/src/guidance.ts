import { explain } from './explain';
import { planRollback } from './rollback';
import { signalsOf } from './signals';
import type {
  ApplicationDetail,
  GuidanceResponse,
  KnowledgeEntryMeta,
} from './types';

/** What to read and what to do for one application now: its signals, the fitting explanations, and the rollback plan. @public */
export function guidanceFor(
  detail: ApplicationDetail,
  entries: KnowledgeEntryMeta[],
): GuidanceResponse {
  const signals = signalsOf(detail);
  return {
    signals: signals.signals,
    explanations: explain(signals, entries),
    rollback: planRollback(detail),
  };
}
