export interface Config {
  gitops?: {
    frontend?: {
      /**
       * Seconds between refreshes of the GitOps tab while the page is
       * visible; 0 turns polling off. Default 30.
       * @visibility frontend
       */
      pollIntervalSeconds?: number;
    };
  };
}
