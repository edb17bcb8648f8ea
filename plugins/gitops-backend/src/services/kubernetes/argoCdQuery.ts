import {
  KUBERNETES_ID_ANNOTATION,
  type GitOpsTarget,
  type SourceError,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { KubernetesClusterConfig } from '../../config/readKubernetesConfig';

/** What one Application list call selects on one cluster. */
export interface ArgoCdListQuery {
  namespaces: string[];
  labelSelector?: string;
  fieldSelector?: string;
}

/** The Flux selector of a target: the label selector annotation, else `backstage.io/kubernetes-id=<id>`. */
export function fluxSelectorOf(target: GitOpsTarget): string | undefined {
  if (target.kubernetesLabelSelector) {
    return target.kubernetesLabelSelector;
  }
  return target.kubernetesId
    ? `${KUBERNETES_ID_ANNOTATION}=${target.kubernetesId}`
    : undefined;
}

/** Where and how to list Argo CD Applications for a target, or why it cannot be done. */
export function argoCdQueryFor(
  cluster: KubernetesClusterConfig,
  target: GitOpsTarget,
): ArgoCdListQuery | { error: SourceError } {
  let namespaces = cluster.argocdNamespaces;
  if (target.appNamespace) {
    if (!namespaces.includes(target.appNamespace)) {
      return {
        error: {
          instance: cluster.name,
          code: 'not-found',
          message: `Namespace '${
            target.appNamespace
          }' (argocd/app-namespace) is not one of the argocdNamespaces of Kubernetes cluster '${
            cluster.name
          }' (${namespaces.join(', ')})`,
        },
      };
    }
    namespaces = [target.appNamespace];
  }
  const query: ArgoCdListQuery = { namespaces: [...namespaces].sort() };
  if (target.appSelector) {
    query.labelSelector = target.appSelector;
  } else if (target.appNames?.length === 1) {
    query.fieldSelector = `metadata.name=${target.appNames[0]}`;
  }
  return query;
}

/** "Kubernetes cluster 'c' has no Argo CD Application 'x' in namespace 'argocd' in project 'p'". */
export function describeMissingApplication(
  cluster: KubernetesClusterConfig,
  target: GitOpsTarget,
  name: string,
): string {
  const namespaces = cluster.argocdNamespaces
    .filter(ns => !target.appNamespace || ns === target.appNamespace)
    .map(ns => `'${ns}'`)
    .join(' or ');
  const projects = target.projects?.length
    ? ` in project ${target.projects.map(p => `'${p}'`).join(' or ')}`
    : '';
  return `Kubernetes cluster '${cluster.name}' has no Argo CD Application '${name}' in namespace ${namespaces}${projects}`;
}
