/**
 * Node.js library of the ModelOps plugin set: Kubernetes cluster access from the Kubernetes
 * plugin's configuration, a Model Registry client, and extension points.
 *
 * @packageDocumentation
 */
export * from './cluster/types';
export { ClusterRequestError } from './cluster/ClusterRequestError';
export { createClusterClient } from './cluster/createClusterClient';
export { readClusterConfigs } from './cluster/readClusterConfigs';
export type { ClusterConfigs } from './cluster/readClusterConfigs';
export {
  ModelRegistryClient,
  ModelRegistryRequestError,
  readCustomProperties,
} from './registry/ModelRegistryClient';
export type {
  RegistryArtifact,
  RegistryEntity,
  RegistryInferenceService,
  RegistryMetadataValue,
  RegistryModelVersion,
  RegistryRegisteredModel,
} from './registry/ModelRegistryClient';
export { modelopsDiagnosisExtensionPoint } from './extensions';
export type { ModelOpsDiagnosisExtensionPoint } from './extensions';
export { readRegistryConfigs } from './registry/readRegistryConfigs';
export type {
  ConfiguredRegistry,
  RegistryConfigs,
} from './registry/readRegistryConfigs';
export { Informer } from './cluster/Informer';
export type {
  InformerChange,
  InformerHandler,
  InformerOptions,
} from './cluster/Informer';
export { TektonResultsClient } from './results/TektonResultsClient';
export { ResultsRequestError } from './results/ResultsRequestError';
export { readResultsConfigs } from './results/readResultsConfigs';
export { recordFilter } from './results/recordFilter';
export { RESULTS_RECORD_TYPES } from './results/types';
export type {
  RecordQuery,
  ResultsConfig,
  ResultsRecord,
} from './results/types';
export type { StreamTail } from './cluster/readTail';
