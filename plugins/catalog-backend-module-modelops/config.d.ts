import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  catalog?: {
    providers?: {
      /** Model Registries whose models, versions and servers become catalog entities, by id. */
      modelops?: {
        [id: string]: {
          /** Base URL of the registry; the API is under /api/model_registry/v1alpha3. */
          baseUrl: string;
          /**
           * Bearer token for the registry.
           * @visibility secret
           */
          token?: string;
          /** Owner of entities whose registered model has no owner (required), e.g. group:default/ml-platform. */
          owner: string;
          /** ARCHIVED models and versions: skip them (default) or show them as archived. */
          archived?: 'skip' | 'show';
          /** Names of the clusters (kubernetes.clusterLocatorMethods) that hold this registry's InferenceServices. */
          clusters?: string[];
          /**
           * Regular expression version names must match; others are flagged on their page.
           * Default `^(quantized-w4a16|full-fp16)-\d{8}-\d{4}$`.
           */
          versionNamePattern?: string;
          /** Per-request timeout in milliseconds (default 15000). */
          timeoutMs?: number;
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
          /**
           * How often a refresh reads the whole registry and hands the catalog every entity (a
           * full mutation), as the safety net of the refreshes in between, which read only what
           * changed and hand over only entities that differ. Default `{ hours: 24 }`.
           */
          fullRefresh?: HumanDuration | string;
          /**
           * How long a refresh between full ones watches each cluster for the InferenceServices
           * and ModelCar runs changed since the last refresh (the API server sends them at once).
           * Raise it for a cluster that takes longer to start answering a watch: a watch that has
           * not answered when this ends reads nothing, and those changes wait for a later
           * refresh. Default `{ seconds: 1 }`.
           */
          clusterWatch?: HumanDuration | string;
        };
      };
    };
  };
}
