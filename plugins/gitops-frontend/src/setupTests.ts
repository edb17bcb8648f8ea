import '@testing-library/jest-dom';
/* eslint-disable no-console -- this file filters console output on purpose */

// jsdom cannot parse the nested CSS that @backstage/ui injects, and reports
// each stylesheet through console.error (thousands of lines per run). Only
// those reports are dropped; every other error still shows.
const consoleError = console.error;
console.error = (...args: unknown[]) => {
  const [first] = args;
  if (
    first instanceof Error &&
    (first as Error & { type?: string }).type === 'css parsing'
  ) {
    return;
  }
  consoleError(...args);
};
