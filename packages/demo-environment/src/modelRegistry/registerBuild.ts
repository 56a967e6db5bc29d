import { RegistryStore } from './RegistryStore';
import {
  writeArtifact,
  writeModelVersion,
  writeRegisteredModel,
} from './entityWriters';

/** What a ModelCar build's `register-model` task registers. @public */
export interface BuildRegistration {
  modelName: string;
  versionName: string;
  /** `oci://<quay image>@<digest>`. */
  uri: string;
  hfRepo?: string;
  author?: string;
}

/**
 * Registers a ModelCar build the way the `register-model` task does through the REST API:
 * the registered model (created when new), a version, and its model artifact. Uses the same
 * writers as the HTTP routes, so a name the model already has is refused (409) and a store
 * that refuses writes refuses this too; the error says why, as the task's log would.
 * @public
 */
export function registerBuild(
  store: RegistryStore,
  build: BuildRegistration,
): { registeredModelId: string; modelVersionId: string } {
  if (store.refuseWrites)
    throw new Error(
      `the Model Registry refused the write (403): ${store.refuseWrites}`,
    );
  let model = [...store.registeredModels.values()].find(
    m => m.name === build.modelName,
  );
  if (!model) {
    model = writeRegisteredModel(store, { name: build.modelName });
    store.registeredModels.set(model.id, model);
  }
  const version = writeModelVersion(
    store,
    {
      name: build.versionName,
      author: build.author,
      customProperties: build.hfRepo
        ? {
            hf_repo: {
              metadataType: 'MetadataStringValue',
              string_value: build.hfRepo,
            },
          }
        : undefined,
    },
    undefined,
    model.id,
  );
  store.modelVersions.set(version.id, version);
  const artifact = writeArtifact(store, {
    name: build.versionName,
    uri: build.uri,
    modelFormatName: 'vLLM',
    state: 'LIVE',
  });
  store.artifacts.set(artifact.id, artifact);
  store.artifactParents.set(artifact.id, version.id);
  return { registeredModelId: model.id, modelVersionId: version.id };
}
