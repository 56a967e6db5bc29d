import {
  RegistryArtifact,
  RegistryInferenceService,
  RegistryModelVersion,
  RegistryRegisteredModel,
} from '@private-ai/plugin-modelops-node';

/** Everything read from one registry (and the clusters holding its InferenceServices). @public */
export interface RegistrySnapshot {
  registryId: string;
  baseUrl: string;
  owner: string;
  archived: 'skip' | 'show';
  /** Version names must match this; default the ModelCar convention (`MODELCAR_VERSION_NAME_PATTERN`). */
  versionNamePattern?: RegExp;
  models: RegistryRegisteredModel[];
  versions: Map<string, RegistryModelVersion[]>;
  artifacts: Map<string, RegistryArtifact[]>;
  inferenceServices: RegistryInferenceService[];
  /** KServe InferenceServices read from the clusters, with the cluster they are on. */
  clusterInferenceServices: Array<{ cluster: string; object: any }>;
  /**
   * PipelineRuns with a `backstage.io/kubernetes-id` label read from the same clusters: a
   * ModelCar build of a model this registry does not have yet gives that model a page now.
   */
  clusterPipelineRuns?: Array<{ cluster: string; object: any }>;
  /** Base URLs of the other configured registries: a run naming one of them is theirs. */
  otherRegistryUrls?: string[];
}
