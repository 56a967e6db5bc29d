export interface Config {
  /**
   * The demo environment: a fake Kubernetes API and Model Registry inside the backend.
   * Set only by app-config.demo.yaml; never in production.
   */
  demoEnvironment?: {
    /** Starts the demo environment when true. */
    enabled?: boolean;
    /** Loopback port of the fake Kubernetes API (default 7081). */
    kubernetesPort?: number;
    /** Loopback port of the fake Model Registry (default 7082). */
    registryPort?: number;
    /**
     * Bearer token the fake Kubernetes API accepts.
     * @visibility secret
     */
    kubernetesToken?: string;
    /**
     * Bearer token the fake Model Registry accepts.
     * @visibility secret
     */
    registryToken?: string;
    simulation?: {
      /** Wall-clock seconds a simulated task takes; 0 stops running runs from moving. */
      taskSeconds?: number;
    };
    /**
     * A fake Tekton Results API beside the Kubernetes API: the finished runs of the cluster
     * and `prunedRuns` generated runs the cluster no longer has. Point
     * `modelops.tektonResults` at it.
     */
    results?: {
      /** Loopback port (default 7083). */
      port?: number;
      /**
       * Bearer token it accepts (default demo-results-token).
       * @visibility secret
       */
      token?: string;
      /** Generated runs that exist only in the archive (default 0). */
      prunedRuns?: number;
    };
    /** Generated runs and models on top of the scenario (benchmarks). */
    scale?: {
      runs: number;
      models: number;
    };
  };
}
