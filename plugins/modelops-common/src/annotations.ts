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
/** The Model Registry name of a model version. @public */
export const ANNOTATION_VERSION_NAME = 'modelops.io/version-name';
/** `LIVE` or `ARCHIVED`: the registry state of a model version. @public */
export const ANNOTATION_VERSION_STATE = 'modelops.io/version-state';
/** The registry state of a registered model. @public */
export const ANNOTATION_MODEL_STATE = 'modelops.io/model-state';
/** Author of a model version, as the registry has it. @public */
export const ANNOTATION_AUTHOR = 'modelops.io/author';
/** When the model version's artifact was created (ISO 8601). @public */
export const ANNOTATION_CREATED = 'modelops.io/created';
/** Format and version of the model version's artifact, e.g. `vLLM 1`. @public */
export const ANNOTATION_MODEL_FORMAT = 'modelops.io/model-format';
/** URI of the model version's artifact (`oci://...` ModelCar image, with digest when known). @public */
export const ANNOTATION_ARTIFACT_URI = 'modelops.io/artifact-uri';
/** The model version's registry custom properties, as a JSON object. @public */
export const ANNOTATION_CUSTOM_PROPERTIES = 'modelops.io/custom-properties';
/** Problems the catalog module found with the entity, as a JSON array of sentences. @public */
export const ANNOTATION_WARNINGS = 'modelops.io/warnings';
/** `pending` on a model entity made from ModelCar runs before the registry has the model. @public */
export const ANNOTATION_REGISTRATION = 'modelops.io/registration';
/** Hugging Face repository a model is built from (on pending models and on PipelineRuns). @public */
export const ANNOTATION_HF_REPO = 'modelops.io/hf-repo';
/** Registered model name a PipelineRun builds or evaluates. @public */
export const ANNOTATION_REGISTERED_MODEL = 'modelops.io/registered-model';
/** Name of the run a PipelineRun re-runs. @public */
export const ANNOTATION_RERUN_OF = 'modelops.io/rerun-of';
/** Cluster (from config) a model server runs on. @public */
export const ANNOTATION_CLUSTER = 'modelops.io/cluster';
/** `True`, or `False: <failing conditions>` / `Unknown: <why>`: a model server's readiness. @public */
export const ANNOTATION_SERVER_READY = 'modelops.io/server-ready';
/** URL a model server answers on. @public */
export const ANNOTATION_SERVER_URL = 'modelops.io/server-url';
/** KServe serving runtime of a model server. @public */
export const ANNOTATION_RUNTIME = 'modelops.io/runtime';
/** `<min>-<max>` replicas of a model server's predictor. @public */
export const ANNOTATION_REPLICAS = 'modelops.io/replicas';
/** Storage URI a model server loads its model from. @public */
export const ANNOTATION_STORAGE_URI = 'modelops.io/storage-uri';
/** Red Hat Developer Hub model catalog annotation (kept for compatibility). @public */
export const ANNOTATION_RHDH_MODEL_NAME = 'rhdh.modelcatalog.io/model-name';

/** Label Backstage's Kubernetes plugin (and ours) uses to tie cluster objects to an entity. @public */
export const LABEL_KUBERNETES_ID = 'backstage.io/kubernetes-id';
/** Label with the model version name a ModelCar PipelineRun builds. @public */
export const LABEL_MODEL_VERSION = 'modelops.io/model-version';
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

/** Model card properties of a registered model, by registry property name. @public */
export const MODEL_CARD_ANNOTATIONS = {
  provider: 'modelops.io/provider',
  license: 'modelops.io/license',
  license_link: 'modelops.io/license-link',
  tasks: 'modelops.io/tasks',
  language: 'modelops.io/language',
} as const;
/** KServe deployment mode of a model server (`Serverless`, `RawDeployment`, `ModelMesh`). @public */
export const ANNOTATION_SERVER_DEPLOYMENT_MODE =
  'modelops.io/server-deployment-mode';
