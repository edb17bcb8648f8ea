import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { FollowStatus, formatElapsed } from './FollowStatus';
import { FollowedAction } from './useFollowOperation';
import { podinfo } from './__testUtils__/actions';

const NOW = Date.parse('2024-05-01T10:00:00Z');

function followed(overrides: Partial<FollowedAction>): FollowedAction {
  return {
    id: 1,
    action: 'reconcile',
    dryRun: false,
    startedAtMs: NOW - 75_000,
    target: { kind: 'reconcile', requestedAt: 'token' },
    ...overrides,
  };
}

async function line(props: Partial<FollowedAction>): Promise<string | null> {
  const { unmount } = await renderInTestApp(
    <FollowStatus
      followed={followed(props)}
      now={NOW}
      app={podinfo()}
      testId="line"
    />,
  );
  const text = screen.getByTestId('line').textContent;
  unmount();
  return text;
}

describe('FollowStatus', () => {
  it('says how long the action has run', async () => {
    expect(await line({})).toBe('Reconcile running… started 1 min 15 s ago');
    expect(formatElapsed(3_400)).toBe('3 s');
    expect(formatElapsed(-5)).toBe('0 s');
  });

  it('says how each kind of action ended', async () => {
    expect(
      await line({
        end: {
          kind: 'reconcile',
          health: 'Degraded',
          message: 'kustomize build failed',
        },
      }),
    ).toBe(
      'Reconcile handled: Kustomization podinfo is Degraded — kustomize build failed',
    );
    expect(
      await line({
        action: 'suspend',
        end: { kind: 'suspend', suspended: true },
      }),
    ).toBe(
      'Suspended: Flux no longer applies Git to Kustomization podinfo until it is resumed.',
    );
    expect(
      await line({
        action: 'resume',
        end: { kind: 'suspend', suspended: false },
      }),
    ).toBe('Resumed: Flux applies Git to Kustomization podinfo again.');
    expect(
      await line({
        action: 'sync',
        dryRun: true,
        end: { kind: 'operation', phase: 'Failed', message: 'hook failed' },
      }),
    ).toBe('Dry run of the sync ended: Failed — hook failed');
    expect(
      await line({
        action: 'rollback',
        end: { kind: 'superseded', message: 'Another operation replaced it.' },
      }),
    ).toBe('Rollback ended — Another operation replaced it.');
  });

  it('says when it stopped following', async () => {
    expect(await line({ action: 'rollback', timedOut: true })).toBe(
      'Stopped following the rollback after 3 min 0 s: it may still be running. The tab keeps updating at its usual pace.',
    );
  });
});
