import { act, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { HealthStatus } from '@gitops-guide/backstage-plugin-gitops-common';
import { GitOpsApi, gitOpsApiRef } from '../../api';
import {
  annotatedEntity,
  devApp,
  fakeGitOpsApi,
} from '../shared/__fixtures__/applications';
import { changedSignal, fakeSignalApi } from '../shared/__testUtils__/signals';
import { EntityGitOpsCard } from './EntityGitOpsCard';

const ENTITY_REF = {
  kind: 'Component',
  namespace: 'default',
  name: 'payments-api',
};

/** The card's API, answering dev with whatever health the test last set. */
function changingApi() {
  const state = { health: 'Healthy' as HealthStatus };
  const api = fakeGitOpsApi({
    getApplications: async () => ({
      applications: [{ ...devApp, health: { status: state.health } }],
      errors: [],
    }),
  });
  return { api, state };
}

async function renderCard(api: GitOpsApi, signalApi?: SignalApi) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [gitOpsApiRef, api],
        ...(signalApi ? [[signalApiRef, signalApi] as const] : []),
      ]}
    >
      <EntityProvider entity={annotatedEntity}>
        <EntityGitOpsCard />
      </EntityProvider>
    </TestApiProvider>,
  );
  await screen.findByText('payments-api-dev');
}

function devHealth(): HTMLElement {
  const row = within(screen.getByRole('table'))
    .getByText('payments-api-dev')
    .closest('tr')!;
  return within(row).getByText(/^(Healthy|Degraded)$/);
}

/** Lets a read that a signal would start run and settle. */
async function settle() {
  await act(async () => {
    await new Promise(resolve => setTimeout(resolve, 0));
  });
}

describe('EntityGitOpsCard live updates', () => {
  it('re-reads and shows the new status as soon as a signal says the entity changed', async () => {
    const { api, state } = changingApi();
    const signals = fakeSignalApi();
    await renderCard(api, signals.api);
    expect(devHealth()).toHaveTextContent('Healthy');

    state.health = 'Degraded';
    signals.push(changedSignal({ name: devApp.name, resourceVersion: '101' }));

    await waitFor(() => expect(devHealth()).toHaveTextContent('Degraded'));
    expect(api.getApplications).toHaveBeenCalledTimes(2);
    // A plain read: the backend's store is live, no upstream re-read needed.
    expect(api.getApplications).toHaveBeenLastCalledWith(ENTITY_REF);
  });

  it("ignores a signal about another entity's applications", async () => {
    const { api } = changingApi();
    const signals = fakeSignalApi();
    await renderCard(api, signals.api);

    signals.push({
      ...changedSignal({ name: devApp.name, resourceVersion: '101' }),
      entityRef: 'component:default/billing-api',
    });
    await settle();
    expect(api.getApplications).toHaveBeenCalledTimes(1);

    // The same signal about this entity (the ref's case does not matter) does re-read.
    signals.push({
      ...changedSignal({ name: devApp.name, resourceVersion: '101' }),
      entityRef: 'Component:default/Payments-API',
    });
    await waitFor(() => expect(api.getApplications).toHaveBeenCalledTimes(2));
  });

  it('keeps working, reading once, without the signals plugin', async () => {
    const { api } = changingApi();
    await renderCard(api);
    expect(devHealth()).toHaveTextContent('Healthy');
    await settle();
    expect(api.getApplications).toHaveBeenCalledTimes(1);
  });
});

describe('EntityGitOpsCard live updates over time', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  async function advance(ms: number) {
    await act(async () => {
      await jest.advanceTimersByTimeAsync(ms);
    });
  }

  it('reads every 20 minutes with signals on, so a page left open keeps getting pushes', async () => {
    const { api } = changingApi();
    await renderCard(api, fakeSignalApi().api);
    await advance(19 * 60_000);
    expect(api.getApplications).toHaveBeenCalledTimes(1);
    await advance(60_000);
    expect(api.getApplications).toHaveBeenCalledTimes(2);
  });

  it('never reads again on its own without the signals plugin', async () => {
    const { api } = changingApi();
    await renderCard(api);
    await advance(60 * 60_000);
    expect(api.getApplications).toHaveBeenCalledTimes(1);
  });

  it('re-reads once for a signal that another backend replica repeats', async () => {
    const { api } = changingApi();
    const signals = fakeSignalApi();
    await renderCard(api, signals.api);

    const signal = changedSignal({ name: devApp.name, resourceVersion: '101' });
    signals.push(signal);
    await advance(0);
    expect(api.getApplications).toHaveBeenCalledTimes(2);

    signals.push(signal);
    await advance(10_000);
    expect(api.getApplications).toHaveBeenCalledTimes(2);

    // A later version of the application is a new change.
    signals.push(changedSignal({ name: devApp.name, resourceVersion: '102' }));
    await advance(0);
    expect(api.getApplications).toHaveBeenCalledTimes(3);
  });

  it('re-reads after a read in flight, which may have started before the change', async () => {
    let answer: () => void = () => {};
    let reads = 0;
    const api = fakeGitOpsApi({
      // The second read, the signal's, stays in flight until answered.
      getApplications: () => {
        reads += 1;
        const response = { applications: [devApp], errors: [] };
        return reads === 2
          ? new Promise(resolve => {
              answer = () => resolve(response);
            })
          : Promise.resolve(response);
      },
    });
    const signals = fakeSignalApi();
    await renderCard(api, signals.api);

    signals.push(changedSignal({ name: devApp.name, resourceVersion: '101' }));
    await advance(5_000);
    expect(api.getApplications).toHaveBeenCalledTimes(2);
    signals.push(changedSignal({ name: devApp.name, resourceVersion: '102' }));
    await advance(5_000);
    expect(api.getApplications).toHaveBeenCalledTimes(2);

    await act(async () => answer());
    await advance(0);
    expect(api.getApplications).toHaveBeenCalledTimes(3);
  });

  it('coalesces a burst of signals into one more re-read', async () => {
    const { api } = changingApi();
    const signals = fakeSignalApi();
    await renderCard(api, signals.api);

    signals.push(changedSignal({ name: devApp.name, resourceVersion: '101' }));
    await advance(0);
    expect(api.getApplications).toHaveBeenCalledTimes(2);

    // A sync changes the application several times within a second.
    for (const version of ['102', '103', '104']) {
      signals.push(
        changedSignal({ name: devApp.name, resourceVersion: version }),
      );
      await advance(100);
    }
    expect(api.getApplications).toHaveBeenCalledTimes(2);
    await advance(1_000);
    expect(api.getApplications).toHaveBeenCalledTimes(3);
    await advance(30_000);
    expect(api.getApplications).toHaveBeenCalledTimes(3);
  });
});
