import { ResourceEntity } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_MODEL_STATE,
  ANNOTATION_PIPELINE_SELECTOR,
  ANNOTATION_REGISTERED_MODEL_ID,
  ANNOTATION_REGISTRY,
  ANNOTATION_RHDH_MODEL_NAME,
  entityNameOf,
  MODEL_CARD_ANNOTATIONS,
} from '@private-ai/plugin-modelops-common';
import { readCustomProperties } from '@private-ai/plugin-modelops-node';
import { EntityName } from './EntityNamer';
import { LeanRegisteredModel } from './leanRecords';
import { managedBy, withWarnings } from './managedBy';
import { RegistrySnapshot } from './RegistrySnapshot';

/** The owner of a registered model's entities: the registry's, unless the model names a valid one. */
export function modelOwner(
  snapshot: RegistrySnapshot,
  model: LeanRegisteredModel,
): string {
  return model.owner && /^[a-z0-9:/.-]+$/i.test(model.owner)
    ? model.owner
    : snapshot.owner;
}

/** A registered model as a `Resource` of type `ai-model`, named by {@link EntityNamer}. */
export function buildModelEntity(
  snapshot: RegistrySnapshot,
  model: LeanRegisteredModel,
  named: EntityName,
): ResourceEntity {
  const { name } = named;
  const notes = [...named.notes];
  const props = readCustomProperties(model.customProperties);
  // Properties with an empty value are tags in the Model Catalog.
  const tags = Object.entries(props)
    .filter(([, v]) => v === '')
    .map(([k]) => entityNameOf(k))
    .filter(t => /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/.test(t) && t.length <= 63);
  const modelCard = Object.entries(MODEL_CARD_ANNOTATIONS)
    .filter(([property]) => props[property] !== undefined)
    .map(([property, annotation]) => [annotation, String(props[property])]);
  return withWarnings(
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        title: model.name,
        description: model.description,
        tags: [...new Set(tags)].slice(0, 20),
        annotations: {
          ...managedBy(snapshot.baseUrl),
          [ANNOTATION_REGISTRY]: snapshot.registryId,
          [ANNOTATION_REGISTERED_MODEL_ID]: model.id,
          [ANNOTATION_RHDH_MODEL_NAME]: model.name,
          [ANNOTATION_KUBERNETES_ID]: name,
          [ANNOTATION_PIPELINE_SELECTOR]: `${ANNOTATION_KUBERNETES_ID}=${name}`,
          ...(model.state ? { [ANNOTATION_MODEL_STATE]: model.state } : {}),
          ...Object.fromEntries(modelCard),
        },
      },
      spec: {
        type: 'ai-model',
        owner: modelOwner(snapshot, model),
      },
    },
    notes,
  );
}
