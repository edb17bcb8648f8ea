import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CONTROLLER_NAMESPACE } from './instanceStore';
import { parseSimulation, type AppSimulation } from './operations/simulation';
import type {
  AppRecord,
  ApplicationTree,
  ArgoApplication,
  ChartDetails,
  InstanceData,
  RevisionMetadata,
} from './types';

/** The scenarios shipped with the package: `scenarios/<instance>/<app>.yaml`. */
// The simulator always runs from source (tsx, jest), never from a bundle, so __dirname is where this file is.
// eslint-disable-next-line no-restricted-syntax
export const BUNDLED_SCENARIO_DIR = path.resolve(__dirname, '..', 'scenarios');

/**
 * One scenario file: an app as the API returns it, its resource tree, the metadata of its commits, and how syncs
 * and rollbacks of it turn out.
 */
interface ScenarioFile {
  application: ArgoApplication;
  resourceTree?: ApplicationTree;
  revisions?: Record<string, RevisionMetadata>;
  chartDetails?: ChartDetails;
  simulation?: unknown;
}

function simulationOf(
  scenario: ScenarioFile | null,
  file: string,
): AppSimulation | undefined {
  try {
    return parseSimulation(scenario?.simulation);
  } catch (error) {
    return fail(file, (error as Error).message);
  }
}

function fail(file: string, problem: string): never {
  throw new Error(`Invalid scenario ${file}: ${problem}`);
}

export function parseScenario(text: string, file: string): AppRecord {
  const scenario = parse(text) as ScenarioFile | null;
  const application = scenario?.application;
  if (!application?.metadata?.name) {
    fail(file, 'application.metadata.name is required');
  }
  if (!application.spec?.source && !application.spec?.sources) {
    fail(file, 'application.spec needs source or sources');
  }
  application.metadata.namespace ??= CONTROLLER_NAMESPACE;
  const revisions = new Map<string, RevisionMetadata>();
  for (const [sha, metadata] of Object.entries(scenario?.revisions ?? {})) {
    if (!/^[0-9a-f]{40}$/.test(sha)) {
      fail(
        file,
        `revision key ${sha} is not a 40-character lowercase commit SHA (quote it in YAML)`,
      );
    }
    if (
      typeof metadata?.author !== 'string' ||
      typeof metadata?.date !== 'string' ||
      typeof metadata?.message !== 'string'
    ) {
      fail(file, `revision ${sha} needs author, date and message strings`);
    }
    revisions.set(sha, metadata);
  }
  // An app whose resources were never created has an empty tree, which Argo CD sends as `{}`.
  const tree = scenario?.resourceTree ?? {};
  return {
    application,
    resourceTree: () => tree,
    revisions,
    chartDetails: scenario?.chartDetails,
    simulation: simulationOf(scenario, file),
  };
}

/** Reads every `<instance>/<app>.yaml` below `dir`; instances are listed in name order. */
export async function loadScenarioDir(dir: string): Promise<InstanceData[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const instanceNames = entries
    .filter(entry => entry.isDirectory())
    .map(entry => entry.name)
    .sort();
  if (instanceNames.length === 0) {
    throw new Error(`No instance directories in scenario directory ${dir}`);
  }
  return Promise.all(
    instanceNames.map(async name => {
      const instanceDir = path.join(dir, name);
      const files = (await fs.readdir(instanceDir))
        .filter(file => /\.ya?ml$/.test(file))
        .sort();
      const apps = await Promise.all(
        files.map(async file => {
          const fullPath = path.join(instanceDir, file);
          return parseScenario(await fs.readFile(fullPath, 'utf8'), fullPath);
        }),
      );
      return { name, apps };
    }),
  );
}
