import fs from 'node:fs';
import path from 'node:path';
import {
  startKubeApiServer,
  type KubeApiServer,
  type KubeApiServerOptions,
  type KubeObject,
} from '@gitops-guide/argocd-simulator';
import { parseAllDocuments } from 'yaml';
import { loadScenarios } from './scenarios';

export type { KubeApiServer, KubeObject };

/** The bearer token the fake accepts in tests. */
export const KUBE_TEST_TOKEN = 'kube-test-token-3f9c2a71';

const FIXTURE_DIR = path.resolve(__dirname, '../__fixtures__/kubernetes');

function readObjects(file: string): KubeObject[] {
  return parseAllDocuments(
    fs.readFileSync(path.join(FIXTURE_DIR, file), 'utf8'),
  ).map(doc => doc.toJS() as KubeObject);
}

/** The Flux Kustomizations and HelmReleases of `__fixtures__/kubernetes/flux-objects.yaml`. */
export function fluxFixtures(): KubeObject[] {
  return readObjects('flux-objects.yaml');
}

/** The GitRepository and HelmRepository the Flux fixtures reference. */
export function fluxSourceFixtures(): KubeObject[] {
  return readObjects('flux-sources.yaml');
}

/**
 * The Argo CD simulator's scenario applications as the Application CRD
 * stores them: the very documents the simulator's API serves, with
 * `apiVersion` and `kind` (which list items of the API omit), and the empty
 * strings the API leaves out but the stored object keeps (Go fields without
 * `omitempty`, e.g. `syncResult.revision` of a multi-source app).
 */
export function argoCdScenarioObjects(): KubeObject[] {
  return loadScenarios().map(scenario => {
    const application = structuredClone(scenario.application);
    const syncResult = application.status?.operationState?.syncResult;
    if (syncResult && syncResult.revision === undefined) {
      syncResult.revision = '';
    }
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      ...application,
    };
  });
}

/**
 * A fake Kubernetes API server (the simulator's, driven through the real
 * `@kubernetes/client-node`) serving the Flux fixtures, their sources and
 * the Argo CD scenario applications unless `objects` says otherwise.
 */
export function startFakeKubeApiServer(
  options: KubeApiServerOptions = {},
): Promise<KubeApiServer> {
  return startKubeApiServer({
    tokens: [KUBE_TEST_TOKEN],
    objects: defaultKubeObjects(),
    ...options,
  });
}

/** What {@link startFakeKubeApiServer} serves by default, e.g. to restore after `setObjects`. */
export function defaultKubeObjects(): KubeObject[] {
  return [
    ...fluxFixtures(),
    ...fluxSourceFixtures(),
    ...argoCdScenarioObjects(),
  ];
}

/** One `gitops.kubernetes.clusters` entry for the fake (plain http, so no TLS settings). */
export function kubeClusterConfig(
  kube: KubeApiServer,
  overrides: Record<string, unknown> = {},
) {
  return {
    name: 'prod-eu',
    url: kube.url,
    serviceAccountToken: KUBE_TEST_TOKEN,
    flux: true,
    ...overrides,
  };
}
