import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import {
  HealthStatusLabel,
  OperationPhaseLabel,
  SyncStatusLabel,
} from './StatusLabels';

function iconOf(word: string): string | null | undefined {
  return screen
    .getByText(word)
    .closest('[aria-label]')
    ?.getAttribute('aria-label');
}

describe('status labels', () => {
  it.each([
    ['health', 'Healthy', 'Status ok', HealthStatusLabel],
    ['health', 'Progressing', 'Status pending', HealthStatusLabel],
    ['health', 'Degraded', 'Status error', HealthStatusLabel],
    ['health', 'Missing', 'Status warning', HealthStatusLabel],
    ['health', 'Suspended', 'Status aborted', HealthStatusLabel],
    ['sync', 'Synced', 'Status ok', SyncStatusLabel],
    ['sync', 'OutOfSync', 'Status warning', SyncStatusLabel],
    ['phase', 'Running', 'Status pending', OperationPhaseLabel],
    ['phase', 'Error', 'Status error', OperationPhaseLabel],
    ['phase', 'Succeeded', 'Status ok', OperationPhaseLabel],
  ])('%s: %s is shown with %s', async (_kind, word, icon, Label) => {
    await renderInTestApp(<Label status={word} />);
    expect(iconOf(word)).toBe(icon);
  });

  it('shows unknown and odd words as they are, with the neutral icon', async () => {
    await renderInTestApp(
      <>
        <HealthStatusLabel status="constructor" />
        <SyncStatusLabel status={undefined} />
      </>,
    );
    expect(iconOf('constructor')).toBe('Status aborted');
    expect(iconOf('Unknown')).toBe('Status aborted');
  });
});
