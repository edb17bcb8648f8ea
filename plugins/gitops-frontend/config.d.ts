export interface Config {
  gitops?: {
    frontend?: {
      /**
       * Seconds between refreshes of the GitOps tab while the page is
       * visible; 0 turns polling off. Default 30. While a sync runs or
       * health is Progressing the tab polls every 5 s (asking the backend
       * for fresh status, which `gitops.refresh.minIntervalSeconds` limits
       * per entity); when every application is synced and healthy, at
       * twice this interval. Nothing is polled while the page is hidden.
       * @visibility frontend
       */
      pollIntervalSeconds?: number;
    };
  };
}
