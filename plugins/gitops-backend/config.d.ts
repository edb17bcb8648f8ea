export interface Config {
  /** Configuration of the GitOps plugins. */
  gitops?: {
    /** Argo CD API servers to read application status from. */
    argocd?: {
      /**
       * The Argo CD instances. An entity's `argocd/instance-name` annotation
       * picks some of them by name; without it every instance is queried.
       */
      instances: Array<{
        /** Unique name, referenced by the `argocd/instance-name` annotation. */
        name: string;
        /** API base URL, e.g. `https://argocd.example.com`. */
        url: string;
        /** Base URL of the Argo CD web UI for deep links; defaults to `url`. */
        uiUrl?: string;
        /**
         * API token of an Argo CD account (`argocd account generate-token`).
         * @visibility secret
         */
        token?: string;
        /** User name for a session login, when no token is set. */
        username?: string;
        /**
         * Password for a session login, when no token is set.
         * @visibility secret
         */
        password?: string;
        /**
         * Set to false to keep this instance read-only while
         * `gitops.actions.enabled` is on: its applications get no action
         * routes and no buttons. Default true.
         */
        actions?: boolean;
        /**
         * Keep this instance's applications in memory: list them once, then
         * follow Argo CD's application stream (`/api/v1/stream/applications`),
         * so cards and membership checks make no Argo CD call. Details,
         * resource trees and commit metadata are still read on demand.
         * Default true; false lists per request instead (cached for
         * `cacheTtlSeconds`). See docs/scaling.md.
         */
        watch?: boolean;
      }>;
      /** How long status answers are cached, in seconds. Default 15. */
      cacheTtlSeconds?: number;
      /** Timeout of one Argo CD API request, in milliseconds. Default 10000. */
      timeoutMs?: number;
    };
    /** Timing of the watched sources (`gitops.argocd.instances[].watch`, `gitops.kubernetes.clusters[].watch`). */
    watch?: {
      /**
       * How long a watch may be down before answers from it carry a `stale`
       * error next to the last known status, in seconds. Default 60.
       */
      staleAfterSeconds?: number;
      /**
       * Longest life of one watch stream, in seconds: then it is reopened
       * and the applications listed again, which heals changes the upstream
       * dropped and connections that died silently. Default 900.
       */
      resyncIntervalSeconds?: number;
      /** Longest wait between two reconnection attempts, in seconds. Default 30. */
      maxBackoffSeconds?: number;
      /**
       * Largest full application list a watch reads, in megabytes (about
       * 7.5 KB per application with a 10-entry history). It replaces
       * `gitops.limits.maxResponseMegabytes` for that one list. Default 256.
       */
      maxListMegabytes?: number;
      /** Longest wait for a watch's full list, in seconds. Default 120. */
      listTimeoutSeconds?: number;
    };
    /** How the plugin reads the catalog entities that cards and tabs are for. */
    catalog?: {
      /**
       * How long an entity's GitOps annotations are kept between catalog
       * reads, in seconds. Whether the caller may read the entity
       * (`catalog.entity.read`) is still asked of the permission backend on
       * every load; only the annotations are kept, so an annotation edit
       * shows up to this much later. 0 asks the catalog for the entity as
       * the caller on every load (one more authenticated hop per card).
       * Actions always read the entity anew. Default 30.
       */
      entityCacheSeconds?: number;
    };
    /** Refreshes asked for with `refresh=true` on the application routes. */
    refresh?: {
      /**
       * Shortest time between two upstream reads that `refresh=true` causes,
       * in seconds, per entity (and per application for a detail). A refresh
       * inside the interval is answered from the cache, without an error.
       * 0 turns the limit off. Default 10.
       */
      minIntervalSeconds?: number;
    };
    /** Bounds on the work one incoming request can cause upstream. */
    limits?: {
      /**
       * One deadline per incoming request, in milliseconds, shared by every
       * Argo CD and Kubernetes call made to answer it. When it passes, the
       * answer holds what is known and a `timeout` error for what is not
       * (history without commit authors, a Flux object without its source
       * link). Default 5000.
       */
      requestDeadlineMs?: number;
      /**
       * Largest upstream answer read, in megabytes (MiB), enforced while it
       * streams in; a larger one ends in a `bad-response` error naming the
       * limit. Default 32: about 10,000 Argo CD applications listed with
       * `fields`, or about 4,000 in full.
       */
      maxResponseMegabytes?: number;
    };
    /**
     * Actions from the service page: refresh, sync and roll back Argo CD
     * applications; reconcile, suspend and resume Flux objects. Each is
     * checked against a permission on the entity (see docs/permissions.md),
     * sent once with the configured Argo CD token or service account, and
     * recorded by the auditor service.
     */
    actions?: {
      /**
       * Turns the action routes and buttons on. Default false: without it
       * the routes answer 404 and the UI shows no buttons.
       */
      enabled?: boolean;
    };
    /** The GitOps knowledge base (learning page, explanations, search). */
    knowledge?: {
      /**
       * Directories of your own entries (Markdown with YAML front matter, and
       * optionally a skill-check.yaml), relative to the backend's working
       * directory. Read after the bundled content, in order; an entry with a
       * bundled id replaces it. An invalid file is skipped and the rest is
       * served: each problem is logged at startup as "file: field: reason"
       * and listed at `/api/gitops/knowledge/problems`.
       */
      directories?: string[];
    };

    /**
     * Kubernetes clusters to read Argo CD `Application` resources and Flux
     * `Kustomization`s and `HelmRelease`s from, for teams whose Argo CD API
     * is out of Backstage's reach or who run Flux. Without `clusters`, the
     * `config` clusters of `kubernetes.clusterLocatorMethods` are read for
     * Flux.
     */
    kubernetes?: {
      clusters?: Array<{
        /**
         * Unique name, shown as the instance of what the cluster serves. A
         * cluster with `argocdNamespaces` is an Argo CD instance of this name
         * for the `argocd/instance-name` annotation.
         */
        name: string;
        /** API server URL, e.g. `https://k8s.example.com`. */
        url: string;
        /**
         * Bearer token of the service account the backend reads as. Without
         * it, the token of the pod's own service account is used.
         * @visibility secret
         */
        serviceAccountToken?: string;
        /** Only `serviceAccount` (the default) is supported. */
        authProvider?: 'serviceAccount';
        /** Base64-encoded PEM bundle of the API server's CA. */
        caData?: string;
        /** Path to a PEM file with the API server's CA. */
        caFile?: string;
        /** Do not verify the API server's certificate (warned at startup). Default false. */
        skipTLSVerify?: boolean;
        /** Namespaces holding Argo CD `Application` resources; leave out when the cluster runs no Argo CD. */
        argocdNamespaces?: string[];
        /** Base URL of that Argo CD's web UI, for links from the card. */
        argocdUiUrl?: string;
        /** Read Flux `Kustomization`s and `HelmRelease`s. Default false. */
        flux?: boolean;
        /**
         * Set to false to keep this cluster read-only while
         * `gitops.actions.enabled` is on. Default true.
         */
        actions?: boolean;
        /**
         * Keep this cluster's Argo CD Applications and Flux objects in memory:
         * list each kind once, then follow a Kubernetes watch of it, so cards,
         * details, membership checks and the fleet view make no Kubernetes
         * API call. Timing comes from `gitops.watch`. Default false. See
         * docs/scaling.md.
         */
        watch?: boolean;
      }>;
      /** How long list answers are cached, in seconds. Default 15. */
      cacheTtlSeconds?: number;
      /** Timeout of one Kubernetes API request, in milliseconds. Default 10000. */
      timeoutMs?: number;
    };
  };

  /**
   * Backstage's Kubernetes plugin configuration; its `config` clusters are
   * read (for Flux) when `gitops.kubernetes.clusters` is absent.
   */
  kubernetes?: {
    clusterLocatorMethods?: Array<{
      type?: string;
      clusters?: Array<{
        name: string;
        url: string;
        authProvider?: string;
        /** @visibility secret */
        serviceAccountToken?: string;
        caData?: string;
        caFile?: string;
        skipTLSVerify?: boolean;
      }>;
    }>;
  };

  /**
   * The configuration shape of the Roadie and Red Hat Argo CD plugins, read
   * when `gitops.argocd` is absent so adopters can switch plugins without
   * editing their configuration.
   */
  argocd?: {
    /** Session login user for instances that set neither a token nor a user. */
    username?: string;
    /**
     * Session login password for instances that set neither a token nor a password.
     * @visibility secret
     */
    password?: string;
    appLocatorMethods?: Array<{
      type?: string;
      instances?: Array<{
        name: string;
        url: string;
        /** @visibility secret */
        token?: string;
        username?: string;
        /** @visibility secret */
        password?: string;
      }>;
    }>;
  };
}
