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
      }>;
      /** How long status answers are cached, in seconds. Default 15. */
      cacheTtlSeconds?: number;
      /** Timeout of one Argo CD API request, in milliseconds. Default 10000. */
      timeoutMs?: number;
    };
    /** The GitOps knowledge base (learning page, explanations, search). */
    knowledge?: {
      /**
       * Directories of your own entries (Markdown with YAML front matter, and
       * optionally a skill-check.yaml), relative to the backend's working
       * directory. Read after the bundled content, in order; an entry with a
       * bundled id replaces it. An invalid file stops the backend at startup
       * with "file: field: reason".
       */
      directories?: string[];
    };
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
