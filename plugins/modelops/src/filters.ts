import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_PIPELINE_SELECTOR,
  ANNOTATION_VALIDATION_SELECTOR,
} from '@private-ai/plugin-modelops-common';

/** True when the entity selects pipeline runs (pipeline selector, or Kubernetes id as fallback). @public */
export function isModelOpsRunsAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[ANNOTATION_PIPELINE_SELECTOR] ||
      annotations[ANNOTATION_KUBERNETES_ID],
  );
}

/** Component types that own notebooks (their Kubernetes id selects NotebookValidationJobs). */
const NOTEBOOK_TYPES = ['notebooks', 'notebook'];

/**
 * True when the entity selects NotebookValidationJobs: the validation selector annotation, or a
 * component of type `notebooks` with a Kubernetes id. @public
 */
export function isNotebookValidationAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  if (annotations[ANNOTATION_VALIDATION_SELECTOR]) return true;
  return (
    Boolean(annotations[ANNOTATION_KUBERNETES_ID]) &&
    NOTEBOOK_TYPES.includes(String(entity.spec?.type ?? ''))
  );
}
