import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** One bundled simulator scenario, read as the raw Argo CD document. */
export interface Scenario {
  instance: string;
  name: string;
  application: any;
  revisions: Record<string, { author: string; date: string; message: string }>;
  resourceTree?: any;
}

/** The simulator's bundled `scenarios/` directory. */
export const SCENARIO_DIR = path.resolve(
  require.resolve('@gitops-guide/argocd-simulator/package.json'),
  '..',
  'scenarios',
);

/** Every bundled scenario, `scenarios/<instance>/<app>.yaml`, sorted by name. */
export function loadScenarios(): Scenario[] {
  return fs
    .readdirSync(SCENARIO_DIR)
    .sort()
    .flatMap(instance =>
      fs
        .readdirSync(path.join(SCENARIO_DIR, instance))
        .filter(file => /\.ya?ml$/.test(file))
        .sort()
        .map(file => {
          const doc = parse(
            fs.readFileSync(path.join(SCENARIO_DIR, instance, file), 'utf8'),
          );
          return {
            instance,
            name: doc.application.metadata.name,
            application: doc.application,
            revisions: doc.revisions ?? {},
            resourceTree: doc.resourceTree,
          };
        }),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}
