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

/** JSON array of problems the catalog module found on an entity (naming, artifacts, readiness). @public */
export const ANNOTATION_WARNINGS = 'modelops.io/warnings';
/** State of a registered model in the registry (`LIVE`, `ARCHIVED`). @public */
export const ANNOTATION_MODEL_STATE = 'modelops.io/model-state';
/** Name of a model version in the registry. @public */
export const ANNOTATION_VERSION_NAME = 'modelops.io/version-name';
/** State of a model version in the registry (`LIVE`, `ARCHIVED`). @public */
export const ANNOTATION_VERSION_STATE = 'modelops.io/version-state';
/** Author of a model version. @public */
export const ANNOTATION_AUTHOR = 'modelops.io/author';
/** Creation time (ISO 8601) of a model version. @public */
export const ANNOTATION_CREATED = 'modelops.io/created';
/** URI of a version's model artifact (`oci://...` ModelCar image with digest). @public */
export const ANNOTATION_ARTIFACT_URI = 'modelops.io/artifact-uri';
/** Model format (and version) of a version's artifact, e.g. `vLLM`. @public */
export const ANNOTATION_MODEL_FORMAT = 'modelops.io/model-format';
/** JSON object of a version's custom properties, read as plain values. @public */
export const ANNOTATION_CUSTOM_PROPERTIES = 'modelops.io/custom-properties';
/** `pending` on a model entity made from ModelCar runs before the registry has the model. @public */
export const ANNOTATION_REGISTRATION = 'modelops.io/registration';
/** Hugging Face repository a pending model is built from. @public */
export const ANNOTATION_HF_REPO = 'modelops.io/hf-repo';
/** Model card properties of a registered model, by registry property name. @public */
export const MODEL_CARD_ANNOTATIONS = {
  provider: 'modelops.io/provider',
  license: 'modelops.io/license',
  license_link: 'modelops.io/license-link',
  tasks: 'modelops.io/tasks',
  language: 'modelops.io/language',
} as const;
/** Readiness of a model server: `True`, `False: <why>` or `Unknown: <why>`. @public */
export const ANNOTATION_SERVER_READY = 'modelops.io/server-ready';
/** KServe deployment mode of a model server (`Serverless`, `RawDeployment`, `ModelMesh`). @public */
export const ANNOTATION_SERVER_DEPLOYMENT_MODE =
  'modelops.io/server-deployment-mode';
/** URL of a model server. @public */
export const ANNOTATION_SERVER_URL = 'modelops.io/server-url';
/** Cluster a model server runs on. @public */
export const ANNOTATION_CLUSTER = 'modelops.io/cluster';
/** Serving runtime of a model server. @public */
export const ANNOTATION_RUNTIME = 'modelops.io/runtime';
/** `min-max` replicas of a model server's predictor. @public */
export const ANNOTATION_REPLICAS = 'modelops.io/replicas';
/** Storage URI a model server loads its model from. @public */
export const ANNOTATION_STORAGE_URI = 'modelops.io/storage-uri';
/** Registered model a PipelineRun builds, when its params do not say (annotation on the run). @public */
export const ANNOTATION_RUN_REGISTERED_MODEL = 'modelops.io/registered-model';
/** Label on PipelineRuns: the version name a run builds. @public */
export const LABEL_MODEL_VERSION = 'modelops.io/model-version';
