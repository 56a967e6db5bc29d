export interface Config {
  modelops?: {
    /**
     * Clusters to read runs, validations and model servers from (read by `readClusterConfigs`).
     * Default: the clusters of `kubernetes.clusterLocatorMethods` (type `config`, auth provider
     * `serviceAccount`) that the Kubernetes plugin already uses.
     */
    clusters?: Array<{
      /** Name the runs are filed under; the same name as in the Kubernetes plugin's config. */
      name: string;
      /** Base URL of the cluster's API server. */
      url: string;
      /**
       * Token of a service account that may list and watch PipelineRuns, TaskRuns, Pods,
       * NotebookValidationJobs and InferenceServices.
       * @visibility secret
       */
      serviceAccountToken?: string;
      /**
       * Base64 PEM of the API server's certificate authority.
       * @visibility secret
       */
      caData?: string;
      /** Accept any API server certificate (test clusters only). */
      skipTLSVerify?: boolean;
      /** Per-request timeout in milliseconds (default 15000). */
      timeoutMs?: number;
    }>;
    /**
     * The Model Registry of the backend's own checks and of published evaluations, when no
     * `catalog.providers.modelops.<id>` registry is configured (read by `readRegistryConfigs`).
     */
    registry?: {
      /** Base URL of the registry; the API is under /api/model_registry/v1alpha3. */
      baseUrl: string;
      /**
       * Bearer token for the registry.
       * @visibility secret
       */
      token?: string;
      /** Per-request timeout in milliseconds (default 10000). */
      timeoutMs?: number;
    };
  };
}
