import { Entity } from '@backstage/catalog-model';
import {
  findDigest,
  LABEL_MR_INFERENCE_SERVICE_ID,
  LABEL_MR_MODEL_VERSION_ID,
} from '@private-ai/plugin-modelops-common';
import { buildModelEntity } from './entities/buildModelEntity';
import { buildModelServerEntities } from './entities/buildModelServerEntities';
import { buildPendingModelEntity } from './entities/buildPendingModelEntity';
import { buildVersionEntity } from './entities/buildVersionEntity';
import { EntityNamer } from './entities/EntityNamer';
import { pendingModels } from './entities/pendingModels';
import { RegistrySnapshot } from './entities/RegistrySnapshot';

export type { RegistrySnapshot } from './entities/RegistrySnapshot';

/**
 * The catalog entities of one registry: a `Resource` of type `ai-model` per registered model,
 * a `Resource` of type `ai-model-version` per version (`dependencyOf` its model), and a
 * `Component` of type `model-server` with its `API` per InferenceService (`dependsOn` the
 * version it serves). Problems (a version name that breaks the convention, a server pointing at
 * a missing version, a name collision) are written to the `modelops.io/warnings` annotation of
 * the entity they concern, and returned.
 * @public
 */
export function buildEntities(snapshot: RegistrySnapshot): {
  entities: Entity[];
  warnings: string[];
} {
  const entities: Entity[] = [];
  const namer = new EntityNamer();
  const skip = (state?: string) =>
    state === 'ARCHIVED' && snapshot.archived === 'skip';
  const versionEntities = new Map<
    string,
    { entity: string; digest?: string }
  >();

  for (const model of snapshot.models) {
    if (skip(model.state)) continue;
    const modelEntity = buildModelEntity(snapshot, model, namer);
    entities.push(modelEntity);
    for (const version of snapshot.versions.get(model.id) ?? []) {
      if (skip(version.state)) continue;
      const artifact = (snapshot.artifacts.get(version.id) ?? []).find(
        a => a.artifactType === 'model-artifact' || !a.artifactType,
      );
      const entity = buildVersionEntity(
        snapshot,
        { registered: model, entity: modelEntity },
        version,
        artifact,
        namer,
      );
      entities.push(entity);
      versionEntities.set(version.id, {
        entity: entity.metadata.name,
        digest: findDigest(artifact?.uri),
      });
    }
  }

  for (const pending of pendingModels(snapshot))
    entities.push(buildPendingModelEntity(snapshot, pending, namer));

  const registryServices = new Map(
    snapshot.inferenceServices.map(s => [s.id, s]),
  );
  for (const { cluster, object } of snapshot.clusterInferenceServices) {
    const labels: Record<string, string> = object?.metadata?.labels ?? {};
    const isvcName: string | undefined = object?.metadata?.name;
    if (!isvcName) continue;
    const registryEntry = labels[LABEL_MR_INFERENCE_SERVICE_ID]
      ? registryServices.get(labels[LABEL_MR_INFERENCE_SERVICE_ID])
      : undefined;
    const versionId =
      labels[LABEL_MR_MODEL_VERSION_ID] ?? registryEntry?.modelVersionId;
    const storageDigest = findDigest(
      object?.spec?.predictor?.model?.storageUri,
    );
    const version =
      (versionId ? versionEntities.get(versionId) : undefined) ??
      (storageDigest
        ? [...versionEntities.values()].find(v => v.digest === storageDigest)
        : undefined);
    if (!version && !versionId && !storageDigest) continue; // not a server of this registry
    const { component, api } = buildModelServerEntities(
      snapshot,
      {
        cluster,
        object,
        isvcName,
        versionId,
        storageDigest,
        version,
        registryEntry,
      },
      namer,
    );
    entities.push(component, api);
  }
  return { entities, warnings: namer.warnings };
}
