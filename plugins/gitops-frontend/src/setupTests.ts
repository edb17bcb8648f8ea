import '@testing-library/jest-dom';
import { format } from 'node:util';
/* eslint-disable no-console -- this file filters console output on purpose */

/**
 * Known output of libraries, not of this plugin, that would bury a real
 * warning: each pattern names its source. Everything else still shows.
 */
const KNOWN_LIBRARY_NOISE: RegExp[] = [
  // jsdom cannot parse the nested CSS that @backstage/ui injects (hundreds of blocks a run).
  /^Error: Could not parse CSS stylesheet/,
  // MUI v4's transitions and ButtonBase.
  /^Warning: findDOMNode is deprecated/,
  // @material-table/core (under core-components' Table) and its react-beautiful-dnd.
  /^Warning: (MTable\w*|Connect\(Droppable\)): Support for defaultProps will be removed/,
  // The React Router v6 inside @backstage/test-utils' renderInTestApp, which takes no future flags.
  /^⚠️ React Router Future Flag Warning/,
];

function isLibraryNoise(args: unknown[]): boolean {
  const [first] = args;
  const text =
    first instanceof Error ? `Error: ${first.message}` : format(...args);
  return KNOWN_LIBRARY_NOISE.some(pattern => pattern.test(text));
}

for (const level of ['error', 'warn'] as const) {
  const original = console[level];
  console[level] = (...args: unknown[]) => {
    if (!isLibraryNoise(args)) {
      original(...args);
    }
  };
}
