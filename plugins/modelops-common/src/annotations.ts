/**
 * Annotation and label names used by the ModelOps plugin set.
 *
 * @packageDocumentation
 */

/** Kubernetes label selector that picks an entity's PipelineRuns. @public */
export const ANNOTATION_PIPELINE_SELECTOR = 'modelops.io/pipeline-selector';
/** Kubernetes label selector that picks an entity's NotebookValidationJobs. @public */
export const ANNOTATION_VALIDATION_SELECTOR = 'modelops.io/validation-selector';
/** The Backstage Kubernetes plugin's id annotation; our fallback selector. @public */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
/** Namespace annotation of the Backstage Kubernetes plugin. @public */
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';
/** Id of the Model Registry (from config) an entity was read from. @public */
export const ANNOTATION_REGISTRY = 'modelops.io/registry';
/** Model Registry id of a registered model. @public */
export const ANNOTATION_REGISTERED_MODEL_ID = 'modelops.io/registered-model-id';
/** Model Registry id of a model version. @public */
export const ANNOTATION_MODEL_VERSION_ID = 'modelops.io/model-version-id';
/** Red Hat Developer Hub model catalog annotation (kept for compatibility). @public */
export const ANNOTATION_RHDH_MODEL_NAME = 'rhdh.modelcatalog.io/model-name';

/** Label Backstage's Kubernetes plugin (and ours) uses to tie cluster objects to an entity. @public */
export const LABEL_KUBERNETES_ID = 'backstage.io/kubernetes-id';
/** Labels the OpenShift AI model controller puts on InferenceServices. @public */
export const LABEL_MR_REGISTERED_MODEL_ID =
  'modelregistry.opendatahub.io/registered-model-id';
/** @public */
export const LABEL_MR_MODEL_VERSION_ID =
  'modelregistry.opendatahub.io/model-version-id';
/** @public */
export const LABEL_MR_INFERENCE_SERVICE_ID =
  'modelregistry.opendatahub.io/inference-service-id';
/** Argo CD sync wave annotation on NotebookValidationJobs. @public */
export const ANNOTATION_ARGOCD_SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
