import { act } from '@testing-library/react';
import { SignalApi } from '@backstage/plugin-signals-react';
import {
  ApplicationsChangedSignal,
  GITOPS_SIGNAL_CHANNEL,
} from '@gitops-guide/backstage-plugin-gitops-common';

/**
 * A SignalApi that delivers what the test pushes, as the signals plugin
 * delivers what the backend publishes; pass `api` as `signalApiRef`.
 */
export function fakeSignalApi() {
  const listeners = new Map<string, Set<(message: unknown) => void>>();
  const api = {
    subscribe(channel: string, onMessage: (message: unknown) => void) {
      const forChannel = listeners.get(channel) ?? new Set();
      listeners.set(channel, forChannel);
      forChannel.add(onMessage);
      return { unsubscribe: () => forChannel.delete(onMessage) };
    },
  } as SignalApi;

  /** Delivers messages on the GitOps channel to every subscriber, all before React renders again. */
  function push(...messages: ApplicationsChangedSignal[]) {
    act(() => {
      for (const message of messages) {
        // A fresh object per delivery, like a message parsed off the socket.
        const delivered = JSON.parse(JSON.stringify(message));
        listeners
          .get(GITOPS_SIGNAL_CHANNEL)
          ?.forEach(listener => listener(delivered));
      }
    });
  }

  return { api, push };
}

/** A signal that applications of `component:default/payments-api` changed. */
export function changedSignal(
  ...applications: Array<{ name: string; resourceVersion?: string }>
): ApplicationsChangedSignal {
  return {
    entityRef: 'component:default/payments-api',
    applications: applications.map(app => ({
      instance: 'central',
      namespace: 'argocd',
      ...app,
    })),
  };
}
