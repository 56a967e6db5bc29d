/**
 * Catalog module of the ModelOps plugin set: registered models, versions and model servers
 * from Kubeflow Model Registries and KServe, as catalog entities.
 *
 * @packageDocumentation
 */
export { catalogModuleModelops as default } from './module';
export { ModelRegistryEntityProvider } from './ModelRegistryEntityProvider';
export type {
  RegistryProviderConfig,
  ProviderStatus,
} from './ModelRegistryEntityProvider';
export { readModelRegistryProviderConfigs } from './ModelRegistryProviderConfig';
export type { ModelRegistryProviderConfig } from './ModelRegistryProviderConfig';
export { buildEntities } from './buildEntities';
export type { RegistrySnapshot } from './buildEntities';
export type {
  LeanArtifact,
  LeanInferenceService,
  LeanModelVersion,
  LeanRegisteredModel,
} from './entities/leanRecords';
