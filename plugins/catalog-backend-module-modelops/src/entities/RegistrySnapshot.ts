import {
  LeanArtifact,
  LeanInferenceService,
  LeanModelVersion,
  LeanRegisteredModel,
} from './leanRecords';

/**
 * Everything read from one registry (and the clusters holding its InferenceServices): of each
 * object only what the entities need (the registry's full answers fit too).
 * @public
 */
export interface RegistrySnapshot {
  registryId: string;
  baseUrl: string;
  owner: string;
  archived: 'skip' | 'show';
  /** Version names must match this; default the ModelCar convention (`MODELCAR_VERSION_NAME_PATTERN`). */
  versionNamePattern?: RegExp;
  models: LeanRegisteredModel[];
  versions: Map<string, LeanModelVersion[]>;
  artifacts: Map<string, LeanArtifact[]>;
  inferenceServices: LeanInferenceService[];
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
