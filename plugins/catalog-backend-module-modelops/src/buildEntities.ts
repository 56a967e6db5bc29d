import { Entity } from '@backstage/catalog-model';
import {
  entityNameOf,
  findDigest,
  LABEL_MR_INFERENCE_SERVICE_ID,
  LABEL_MR_MODEL_VERSION_ID,
} from '@private-ai/plugin-modelops-common';
import { buildModelEntity, modelOwner } from './entities/buildModelEntity';
import {
  buildModelServerEntities,
  nameModelServerEntities,
  ServedVersion,
} from './entities/buildModelServerEntities';
import { buildPendingModelEntity } from './entities/buildPendingModelEntity';
import { buildVersionEntity } from './entities/buildVersionEntity';
import { EntityName, EntityNamer } from './entities/EntityNamer';
import {
  LeanArtifact,
  LeanModelVersion,
  LeanRegisteredModel,
} from './entities/leanRecords';
import { PendingModel, pendingModels } from './entities/pendingModels';
import { RegistrySnapshot } from './entities/RegistrySnapshot';

export type { RegistrySnapshot } from './entities/RegistrySnapshot';

type ModelServer = Parameters<typeof buildModelServerEntities>[1];

/**
 * One entity of a refresh, named but not built yet: {@link buildPlanned} builds it, the same
 * entity each time. The provider keeps these instead of the entities, which are many times
 * larger.
 */
export type EntityPlan =
  | { kind: 'model'; model: LeanRegisteredModel; named: EntityName }
  | {
      kind: 'version';
      model: { registered: LeanRegisteredModel; name: string; owner: string };
      version: LeanModelVersion;
      artifact?: LeanArtifact;
      named: EntityName;
    }
  | { kind: 'pending'; pending: PendingModel; named: EntityName }
  | {
      kind: 'component' | 'api';
      server: ModelServer;
      named: { component: EntityName; api: EntityName };
    };

/** The entity of a plan. */
export function buildPlanned(
  snapshot: RegistrySnapshot,
  plan: EntityPlan,
): Entity {
  switch (plan.kind) {
    case 'model':
      return buildModelEntity(snapshot, plan.model, plan.named);
    case 'version':
      return buildVersionEntity(
        snapshot,
        plan.model,
        plan.version,
        plan.artifact,
        plan.named,
      );
    case 'pending':
      return buildPendingModelEntity(snapshot, plan.pending, plan.named);
    default:
      return buildModelServerEntities(snapshot, plan.server, plan.named)[
        plan.kind
      ];
  }
}

/**
 * The entities of {@link buildEntities}, named (collisions resolved, in the same order) but
 * each built only when {@link buildPlanned} is called with its plan.
 */
export function planEntities(snapshot: RegistrySnapshot): {
  plans: EntityPlan[];
  warnings: string[];
} {
  const plans: EntityPlan[] = [];
  const namer = new EntityNamer();
  const skip = (state?: string) =>
    state === 'ARCHIVED' && snapshot.archived === 'skip';
  const versionEntities = new Map<string, ServedVersion>();
  const byDigest = new Map<string, ServedVersion>();

  for (const registered of snapshot.models) {
    if (skip(registered.state)) continue;
    const modelNamed = namer.name(
      'resource',
      entityNameOf(registered.name),
      registered.id,
      `registered model ${registered.name}`,
    );
    plans.push({ kind: 'model', model: registered, named: modelNamed });
    const model = {
      registered,
      name: modelNamed.name,
      owner: modelOwner(snapshot, registered),
    };
    for (const version of snapshot.versions.get(registered.id) ?? []) {
      if (skip(version.state)) continue;
      const artifact = (snapshot.artifacts.get(version.id) ?? []).find(
        a => a.artifactType === 'model-artifact' || !a.artifactType,
      );
      const named = namer.name(
        'resource',
        entityNameOf(`${model.name}-${version.name}`),
        version.id,
        `version ${version.name} of ${registered.name}`,
      );
      plans.push({ kind: 'version', model, version, artifact, named });
      const served = { entity: named.name, digest: findDigest(artifact?.uri) };
      versionEntities.set(version.id, served);
      if (served.digest && !byDigest.has(served.digest))
        byDigest.set(served.digest, served);
    }
  }

  for (const pending of pendingModels(snapshot)) {
    const named = namer.name(
      'resource',
      pending.label,
      `${pending.cluster}-${pending.namespace}`,
      `model ${pending.modelName} (not registered yet)`,
    );
    plans.push({ kind: 'pending', pending, named });
  }

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
      (storageDigest ? byDigest.get(storageDigest) : undefined);
    if (!version && !versionId && !storageDigest) continue; // not a server of this registry
    const server = {
      cluster,
      object,
      isvcName,
      versionId,
      storageDigest,
      version,
      registryEntry,
    };
    const named = nameModelServerEntities(namer, {
      cluster,
      namespace: object?.metadata?.namespace,
      isvcName,
    });
    plans.push(
      { kind: 'component', server, named },
      { kind: 'api', server, named },
    );
  }
  return { plans, warnings: namer.warnings };
}

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
  const { plans, warnings } = planEntities(snapshot);
  return {
    entities: plans.map(plan => buildPlanned(snapshot, plan)),
    warnings,
  };
}
