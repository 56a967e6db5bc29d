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
    /**
     * Tekton Results API servers (what OpenShift Pipelines ships to keep runs after pruning),
     * one per cluster they archive (read by `readResultsConfigs`). The backend fills run
     * history from them, including runs already pruned from the cluster, and reads the logs
     * of pruned runs there.
     */
    tektonResults?: Array<{
      /** Name of the cluster whose runs the server archives, as in `clusters` or the Kubernetes plugin's config. */
      cluster: string;
      /** Base URL of the Results API server; the REST API is under /apis/results.tekton.dev. */
      url: string;
      /**
       * Bearer token of a service account that may get and list results, records and logs
       * (`tekton-results-readonly`).
       * @visibility secret
       */
      token?: string;
      /** Parent (namespace) to read; `-` (default) reads every parent the token may read. */
      parent?: string;
      /**
       * Base64 PEM of the certificate authority of the server's certificate.
       * @visibility secret
       */
      caData?: string;
      /** Accept any server certificate (test servers only). */
      skipTLSVerify?: boolean;
      /** Per-request timeout in milliseconds (default 15000). */
      timeoutMs?: number;
      /** Records per page, 1 to 10000 (default 500). */
      pageSize?: number;
    }>;
  };
}
