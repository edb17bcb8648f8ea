import { uid } from '../generate';
import type { ApplicationTree, ArgoApplication } from '../types';

type Node = Record<string, any>;

const healthOf = (app: ArgoApplication) => app.status?.health?.status;
const lastDeployed = (app: ArgoApplication) => {
  const history = app.status?.history ?? [];
  const last = history[history.length - 1];
  return JSON.stringify(last?.revisions ?? last?.revision ?? null);
};

/** Nodes for an app whose scenario has an empty tree (never synced): one per managed resource. */
function nodesOfResources(app: ArgoApplication): Node[] {
  return (app.status?.resources ?? []).map(resource => {
    const { status: _syncStatus, ...node } = resource;
    return {
      ...node,
      uid: uid(
        `${app.metadata.uid}/${resource.kind}/${resource.namespace}/${resource.name}`,
      ),
    };
  });
}

/**
 * The tree with the health the app's status reports now: each Deployment takes the health of its
 * `status.resources` entry; when the app is Healthy, pods that were not are gone and their ReplicaSets are scaled
 * down (Healthy), as after rolling back to a revision that runs.
 */
function treeWithStatus(
  tree: ApplicationTree,
  app: ArgoApplication,
): ApplicationTree {
  const nodes = tree.nodes?.length ? tree.nodes : nodesOfResources(app);
  const resources = app.status?.resources ?? [];
  const healthy = healthOf(app) === 'Healthy';
  const isHealthy = (node: Node) => node.health?.status === 'Healthy';
  return {
    ...tree,
    nodes: nodes
      .filter(node => !(healthy && node.kind === 'Pod' && !isHealthy(node)))
      .map(node => {
        if (node.kind === 'Deployment') {
          const managed = resources.find(
            r =>
              r.kind === 'Deployment' &&
              r.name === node.name &&
              r.namespace === node.namespace,
          );
          return {
            ...node,
            health: managed?.health ?? { status: healthOf(app) },
          };
        }
        if (healthy && node.kind === 'ReplicaSet' && !isHealthy(node)) {
          return { ...node, health: { status: 'Healthy' } };
        }
        return node;
      }),
  };
}

/**
 * The resource tree to serve for the app as it is now: the scenario's own tree while the app still runs what it
 * was loaded with (same last deployment, same health), else that tree brought in line with the new status.
 */
export function treeFollowingStatus(
  loadedTree: () => ApplicationTree,
  loaded: ArgoApplication,
  app: ArgoApplication,
): () => ApplicationTree {
  if (
    healthOf(app) === healthOf(loaded) &&
    lastDeployed(app) === lastDeployed(loaded)
  ) {
    return loadedTree;
  }
  return () => treeWithStatus(loadedTree(), app);
}
