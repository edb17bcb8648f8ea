import {
  devApp,
  prodApp,
  stagingApp,
  summary,
} from './__fixtures__/applications';
import { pollCadence } from './pollCadence';

describe('pollCadence', () => {
  it('is off when polling is off', () => {
    expect(pollCadence([prodApp], undefined)).toBeUndefined();
  });

  it('polls at most every 5 s while health is Progressing or a sync runs', () => {
    const progressing = summary({
      name: 'x',
      health: { status: 'Progressing' },
    });
    const running = { ...devApp, operation: { phase: 'Running' as const } };
    expect(pollCadence([devApp, progressing], 30_000)).toEqual({
      intervalMs: 5_000,
      pace: 'active',
    });
    expect(pollCadence([running], 30_000)?.pace).toBe('active');
    // A configured interval shorter than 5 s stays.
    expect(pollCadence([running], 2_000)?.intervalMs).toBe(2_000);
  });

  it('keeps the configured interval while something else needs attention', () => {
    expect(pollCadence([devApp, prodApp, stagingApp], 30_000)).toEqual({
      intervalMs: 30_000,
      pace: 'steady',
    });
    expect(pollCadence([], 30_000)?.pace).toBe('steady');
  });

  it('doubles it when everything is synced and healthy', () => {
    expect(pollCadence([devApp], 30_000)).toEqual({
      intervalMs: 60_000,
      pace: 'calm',
    });
  });
});
