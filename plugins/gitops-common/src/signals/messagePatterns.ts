/** A Kubernetes object named in a message or carrying it. @public */
export interface ObjectRef {
  kind: string;
  name: string;
}

/**
 * A notable pattern in Argo CD, Kubernetes or Flux messages. Its `id` is the
 * part after `message:` in the signal.
 * @public
 */
export interface MessagePattern {
  id: string;
  /** What the pattern usually means, for content authors. */
  description: string;
  test: RegExp;
  /** Messages that also match this are left to another pattern. */
  unless?: RegExp;
  /** A short phrase naming the live fact; defaults to the id and the object. */
  describe?: (message: string, object: ObjectRef | undefined) => string;
}

const onObject = (id: string, object: ObjectRef | undefined) =>
  object ? `${id} on ${object.kind} ${object.name}` : id;

/**
 * The message patterns, in the order their signals are emitted. Matching is
 * on the raw message; the ids are stable signal names.
 * @public
 */
export const MESSAGE_PATTERNS: readonly MessagePattern[] = [
  {
    id: 'field is immutable',
    description:
      'The change edits a field Kubernetes does not allow to change in place (e.g. a Deployment selector, a Job template); the object must be replaced.',
    test: /field is immutable/i,
  },
  {
    id: 'not permitted in project',
    description:
      'The AppProject does not allow this source repository, destination or resource kind (sourceRepos, destinations, clusterResourceWhitelist).',
    test: /not permitted in project|do(?:es)? not match any of the allowed destinations in project/i,
    describe: message => {
      const project = /in project '?"?([a-z0-9][a-z0-9.-]*)/i.exec(message);
      return project
        ? `not permitted in project ${project[1]}`
        : 'not permitted in project';
    },
  },
  {
    id: 'namespace not found',
    description:
      'The destination namespace does not exist; create it or add the CreateNamespace=true sync option.',
    test: /namespaces? "?[a-z0-9-]+"? not found/i,
    describe: message => {
      const namespace = /namespaces? "?([a-z0-9-]+)"? not found/i.exec(message);
      return namespace
        ? `namespace ${namespace[1]} not found`
        : 'namespace not found';
    },
  },
  {
    id: 'hook failed',
    description:
      'A PreSync/Sync/PostSync/SyncFail hook (usually a Job) failed, so the sync stopped.',
    test: /\bhook\b.{0,80}\b(?:failed|error)|\b(?:failed|error).{0,80}\bhook\b/i,
  },
  {
    id: 'forbidden',
    description:
      'Kubernetes RBAC refused the Argo CD/Flux service account (or a user) the verb on that resource.',
    test: /\bis forbidden\b|\bforbidden:|cannot (?:get|list|watch|create|update|patch|delete) resource/i,
    unless: /exceeded quota|violates PodSecurity/i,
    describe: message => {
      const rbac =
        /User "([^"]+)" cannot (\w+) resource "([^"]+)"(?: in API group "[^"]*")?(?: in the namespace "([^"]+)")?/.exec(
          message,
        );
      if (!rbac) {
        return 'forbidden';
      }
      const [, user, verb, resource, namespace] = rbac;
      return `forbidden: ${user} cannot ${verb} ${resource}${
        namespace ? ` in namespace ${namespace}` : ''
      }`;
    },
  },
  {
    id: 'violates PodSecurity',
    description:
      'Pod Security Admission rejected the pods: the namespace enforces a stricter level than the pod spec meets.',
    test: /violates PodSecurity/i,
  },
  {
    id: 'ImagePullBackOff',
    description:
      'The kubelet cannot pull the image: wrong tag, missing image or missing pull secret.',
    test: /ImagePullBackOff|ErrImagePull|Back-off pulling image/,
  },
  {
    id: 'CrashLoopBackOff',
    description: 'A container keeps exiting right after it starts.',
    test: /CrashLoopBackOff|back-off \S+ restarting failed container/i,
  },
  {
    id: 'OOMKilled',
    description: 'A container was killed for exceeding its memory limit.',
    test: /OOMKilled/,
  },
  {
    id: 'CreateContainerConfigError',
    description:
      'A container references a ConfigMap or Secret (or a key in one) that does not exist.',
    test: /CreateContainerConfigError/,
  },
  {
    id: 'exceeded quota',
    description: 'A ResourceQuota in the namespace refused the object.',
    test: /exceeded quota/i,
  },
  {
    id: 'insufficient resources',
    description:
      'The scheduler found no node with enough CPU or memory for the pods.',
    test: /Insufficient (?:cpu|memory)|\d+ nodes? (?:are|is) available/i,
  },
  {
    id: 'progress deadline exceeded',
    description:
      'A Deployment rollout did not finish within progressDeadlineSeconds (pods never became ready).',
    test: /exceeded its progress deadline|ProgressDeadlineExceeded/i,
  },
  {
    id: 'waiting for',
    description:
      'An Argo CD sync is still running: it waits for a hook to complete, for an object of the current wave to turn healthy, or for a pruned object to be deleted before it moves on.',
    test: /\bwaiting for (?:completion of hook|healthy state of|deletion of) \S/i,
    describe: message => {
      const waiting =
        /\bwaiting for (completion of hook|healthy state of|deletion of) (\S+)/i.exec(
          message,
        );
      if (!waiting) {
        return 'waiting for';
      }
      // gitops-engine names the object `<group>/<kind>/<name>`, the group empty for core kinds.
      const parts = waiting[2].split('/');
      const object = parts.length >= 2 ? parts.slice(-2).join(' ') : waiting[2];
      return `waiting for ${waiting[1].toLowerCase()} ${object}`;
    },
  },
  {
    id: 'exceeded maximum retries',
    description:
      'helm-controller used up the HelmRelease install or upgrade remediation retries (Stalled, reason RetriesExceeded); it tries again only after the chart version, values or spec change, or a reset or force request.',
    test: /exceeded maximum retries|\bfailed to (?:install|upgrade) after \d+ attempt\(s\)/i,
    describe: message => {
      const attempts =
        /\bfailed to (install|upgrade) after (\d+) attempt\(s\)/i.exec(message);
      return attempts
        ? `exceeded maximum retries: ${attempts[1].toLowerCase()} failed ${
            attempts[2]
          } times`
        : 'exceeded maximum retries';
    },
  },
  {
    id: 'timed out',
    description:
      'Something took too long: a hook, a health check, a repo-server call or the Kubernetes API.',
    test: /timed out|deadline exceeded|i\/o timeout/i,
    unless: /exceeded its progress deadline/i,
  },
  {
    id: 'repository not found',
    description:
      'The repository URL is wrong, the repository was moved, or Argo CD/Flux has no credentials for it.',
    test: /repository not found|repository .{0,120}not (?:found|accessible)|repo(?:sitory)? .{0,120}does not exist/i,
  },
  {
    id: 'authentication required',
    description:
      'The Git or Helm repository rejected the credentials (or none were configured).',
    test: /authentication required|authentication failed|permission denied \(publickey|invalid username or password|401 Unauthorized/i,
  },
  {
    id: 'unable to resolve revision',
    description:
      'targetRevision names a branch, tag or chart version the repository does not have.',
    test: /unable to resolve .{0,120}to a (?:commit SHA|revision)|couldn't find remote ref|revision .{0,80}(?:not found|does not exist)|chart .{0,80}version .{0,80}not found/i,
  },
  {
    id: 'failed to load',
    description:
      'Argo CD could not render the manifests (ComparisonError): a template, Kustomize or plugin error in the source.',
    test: /failed to (?:load (?:target|live) state|generate manifest|load)/i,
  },
  {
    id: 'admission webhook denied the request',
    description:
      'A validating admission webhook (a policy engine such as Kyverno or Gatekeeper, or an operator) rejected the object.',
    test: /admission webhook .{0,200}denied the request|\bdenied the request\b/i,
  },
  {
    id: 'could not find the requested resource',
    description:
      'The cluster does not know the kind or API version (a CRD is not installed yet, or the apiVersion was removed).',
    test: /could not find the requested resource|no matches for kind|ensure CRDs are installed first/i,
  },
  {
    id: 'schema validation',
    description:
      'A manifest does not match the API schema: an unknown field, a wrong type or a missing required value.',
    test: /error validating|ValidationError|validation failed|schema validation|unknown field|strict decoding error|Required value|Invalid value|is invalid\b/i,
    unless: /field is immutable/i,
  },
  {
    id: 'sync window',
    description: 'A sync window blocks syncs for this application right now.',
    test: /sync window/i,
  },
];

const PLURAL_KINDS: Record<string, string> = {
  namespaces: 'Namespace',
  configmaps: 'ConfigMap',
  secrets: 'Secret',
  serviceaccounts: 'ServiceAccount',
  services: 'Service',
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  replicasets: 'ReplicaSet',
  jobs: 'Job',
  cronjobs: 'CronJob',
  pods: 'Pod',
  ingresses: 'Ingress',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  roles: 'Role',
  rolebindings: 'RoleBinding',
  clusterroles: 'ClusterRole',
  clusterrolebindings: 'ClusterRoleBinding',
  customresourcedefinitions: 'CustomResourceDefinition',
};

/**
 * The object a Kubernetes error names, e.g.
 * `Deployment.apps "checkout-web" is invalid` → Deployment checkout-web,
 * `pods "web-1" is forbidden` → Pod web-1.
 * @public
 */
export function objectNamedIn(message: string): ObjectRef | undefined {
  const typed =
    /\b([A-Z][A-Za-z0-9]*)(?:\.[a-z0-9][a-z0-9.-]*)? "([^"\s]{1,253})" is (?:invalid|forbidden)/.exec(
      message,
    );
  if (typed) {
    return { kind: typed[1], name: typed[2] };
  }
  const plural =
    /\b([a-z][a-z0-9]*)(?:\.[a-z0-9][a-z0-9.-]*)? "([^"\s]{1,253})" (?:is invalid|is forbidden|not found|already exists)/.exec(
      message,
    );
  if (plural) {
    const resource = plural[1];
    const kind =
      PLURAL_KINDS[resource] ?? PLURAL_KINDS[`${resource}s`] ?? resource;
    return { kind, name: plural[2] };
  }
  return undefined;
}

/** The patterns a message matches, each with its fact phrase. @public */
export function matchMessagePatterns(
  message: string,
  carrier?: ObjectRef,
): Array<{ pattern: MessagePattern; phrase: string }> {
  if (!message) {
    return [];
  }
  // Messages can be long (a full manifest diff); the signal is near the start.
  const text = message.length > 4000 ? message.slice(0, 4000) : message;
  const object = objectNamedIn(text) ?? carrier;
  return MESSAGE_PATTERNS.filter(
    pattern => pattern.test.test(text) && !pattern.unless?.test(text),
  ).map(pattern => ({
    pattern,
    phrase: pattern.describe
      ? pattern.describe(text, object)
      : onObject(pattern.id, object),
  }));
}
