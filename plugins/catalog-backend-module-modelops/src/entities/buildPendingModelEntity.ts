import { ResourceEntity } from '@backstage/catalog-model';
import {
  ANNOTATION_HF_REPO,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_PIPELINE_SELECTOR,
  ANNOTATION_REGISTRATION,
  ANNOTATION_REGISTRY,
  ANNOTATION_RHDH_MODEL_NAME,
} from '@private-ai/plugin-modelops-common';
import { EntityName } from './EntityNamer';
import { managedBy, withWarnings } from './managedBy';
import { PendingModel } from './pendingModels';
import { RegistrySnapshot } from './RegistrySnapshot';

/** A model that ModelCar runs build but the registry does not have yet, as an `ai-model` marked pending. */
export function buildPendingModelEntity(
  snapshot: RegistrySnapshot,
  pending: PendingModel,
  named: EntityName,
): ResourceEntity {
  const notes = [pending.note, ...named.notes];
  const { name } = named;
  return withWarnings(
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        title: pending.modelName,
        description: `${pending.modelName}: not in the Model Registry yet; its ModelCar build registers it`,
        annotations: {
          ...managedBy(snapshot.baseUrl),
          [ANNOTATION_REGISTRY]: snapshot.registryId,
          [ANNOTATION_REGISTRATION]: 'pending',
          [ANNOTATION_RHDH_MODEL_NAME]: pending.modelName,
          [ANNOTATION_KUBERNETES_ID]: pending.label,
          [ANNOTATION_PIPELINE_SELECTOR]: `${ANNOTATION_KUBERNETES_ID}=${pending.label}`,
          ...(pending.huggingFaceRepo
            ? { [ANNOTATION_HF_REPO]: pending.huggingFaceRepo }
            : {}),
        },
      },
      spec: { type: 'ai-model', owner: snapshot.owner },
    },
    notes,
  );
}
