import { act } from '@testing-library/react';

/**
 * Fake timers and a settable `document.visibilityState` for every test of
 * the calling describe block. Returns the setter, which also fires
 * `visibilitychange`.
 */
export function fakeTimersAndVisibility() {
  let visibility: DocumentVisibilityState = 'visible';

  beforeEach(() => {
    visibility = 'visible';
    jest
      .spyOn(document, 'visibilityState', 'get')
      .mockImplementation(() => visibility);
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  return (state: DocumentVisibilityState) => {
    visibility = state;
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
  };
}
