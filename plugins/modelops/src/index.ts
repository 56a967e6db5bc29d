/**
 * ModelOps frontend plugin: pipeline run cards and tabs for model, version and pipeline
 * entities. The new frontend system's extensions are in `/alpha`.
 *
 * @packageDocumentation
 */
export {
  modelopsPlugin,
  EntityModelOpsRunsCard,
  EntityModelOpsRunsContent,
  EntityModelVersionsCard,
  EntityModelLineageCard,
  EntityModelServerCard,
  EntityModelOpsWarnings,
  EntityNotebookValidationContent,
  EntityEvaluationGateCard,
  EntityEvaluationContent,
  HuggingFaceRepoFieldExtension,
  RegisteredModelPickerFieldExtension,
  ModelVersionNameFieldExtension,
} from './plugin';
export type { ModelVersionNameOptions } from './scaffolder/ModelVersionNameField';
export { modelopsApiRef, ModelOpsClient } from './api/ModelOpsApi';
export type { ModelOpsApi, RunLog } from './api/ModelOpsApi';
export {
  isModelOpsRunsAvailable,
  isNotebookValidationAvailable,
} from './filters';
