import { Entity } from '@backstage/catalog-model';
import { ANNOTATION_KUBERNETES_ID, ANNOTATION_PIPELINE_SELECTOR } from '@private-ai/plugin-modelops-common';

/** True when the entity selects pipeline runs (pipeline selector, or Kubernetes id as fallback). @public */
export function isModelOpsRunsAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(annotations[ANNOTATION_PIPELINE_SELECTOR] || annotations[ANNOTATION_KUBERNETES_ID]);
}
