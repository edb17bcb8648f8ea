import { CONTROLLER_NAMESPACE, type InstanceStore } from './instanceStore';
import type { AppRecord, ArgoApplication } from './types';

/** Obviously fake user info for repo URLs: a bot user and a GitHub-token-shaped secret. */
export const FAKE_REPO_CREDENTIALS = 'deploy-bot:ghp_fakeToken123';

/** Where to put credentials: one app of one instance. */
export interface RepoCredentialsLeak {
  /** Name of the app. */
  app: string;
  /** Its namespace; default `argocd`. */
  appNamespace?: string;
  /** The `user:password` (or token) to put in every URL; default {@link FAKE_REPO_CREDENTIALS}. */
  credentials?: string;
}

const URL_WITH_SCHEME = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^@/]*@)?(.*)$/i;

/** `https://github.com/x.git` with `user:token` → `https://user:token@github.com/x.git`; other strings unchanged. */
export function withUserInfo(url: string, credentials: string): string {
  const match = URL_WITH_SCHEME.exec(url);
  return match ? `${match[1]}${credentials}@${match[2]}` : url;
}

/** A deep copy where every `repoURL` string carries the credentials. */
function withCredentialsInRepoUrls(
  value: unknown,
  credentials: string,
): unknown {
  if (Array.isArray(value)) {
    return value.map(item => withCredentialsInRepoUrls(item, credentials));
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      key === 'repoURL' && typeof field === 'string'
        ? withUserInfo(field, credentials)
        : withCredentialsInRepoUrls(field, credentials),
    ]),
  );
}

/**
 * The app as a misconfigured one looks: its repo URLs (spec, sync status, history, operation) with credentials in
 * them, and a `ComparisonError` condition whose message quotes the first of them, as a failing Git fetch reports.
 */
export function leakRepoCredentials(
  application: ArgoApplication,
  credentials: string,
): ArgoApplication {
  const leaked = withCredentialsInRepoUrls(
    application,
    credentials,
  ) as ArgoApplication;
  const firstSource = leaked.spec.sources?.[0] ?? leaked.spec.source;
  const condition = {
    type: 'ComparisonError',
    message: `Failed to load target state: failed to generate manifest for source 1 of ${
      leaked.spec.sources?.length ?? 1
    }: rpc error: code = Unknown desc = failed to list refs: repository not found: ${
      firstSource?.repoURL ?? ''
    }`,
    lastTransitionTime: '2026-11-24T10:02:11Z',
  };
  const conditions = Array.isArray(leaked.status?.conditions)
    ? leaked.status.conditions
    : [];
  return {
    ...leaked,
    status: { ...leaked.status, conditions: [...conditions, condition] },
  };
}

/** The apps changed by the repo-credentials knob, with their documents before, so they can be put back. */
export class RepoCredentialLeaks {
  private readonly originals = new Map<
    AppRecord,
    { store: InstanceStore; original: ArgoApplication }
  >();

  /**
   * Puts credentials into one app's repo URLs, stored under a new resourceVersion so watch streams see it too;
   * returns the changed app. Throws for an unknown app.
   */
  leak(instance: InstanceStore, leak: RepoCredentialsLeak): ArgoApplication {
    const namespace = leak.appNamespace || CONTROLLER_NAMESPACE;
    const record = instance.find(namespace, leak.app);
    if (!record) {
      throw new Error(
        `No application ${namespace}/${leak.app} in instance ${instance.name}`,
      );
    }
    const original = this.originals.get(record)?.original ?? record.application;
    this.originals.set(record, { store: instance, original });
    return instance.put(
      record,
      leakRepoCredentials(original, leak.credentials ?? FAKE_REPO_CREDENTIALS),
    );
  }

  /** Puts every changed app back as it was before its leak (under a new resourceVersion). */
  clear(): void {
    for (const [record, { store, original }] of this.originals) {
      store.put(record, original);
    }
    this.originals.clear();
  }
}
