/**
 * Scaffolder actions that validate, render and start ModelCar and evaluation pipelines.
 *
 * @packageDocumentation
 */
export { scaffolderModuleModelops as default } from './module';
export { createValidatePipelineAction } from './actions/validatePipeline';
export type { ValidatePipelineOutput } from './actions/validatePipeline';
export { createRenderPipelineAction } from './actions/renderPipeline';
export type {
  RenderPipelineInput,
  RenderPipelineOutput,
} from './actions/renderPipeline';
export { createCreatePipelineRunAction } from './actions/createPipelineRun';
export type {
  CreatePipelineRunInput,
  CreatePipelineRunOutput,
} from './actions/createPipelineRun';
export { createCheckRegistryAction } from './actions/checkRegistry';
export type {
  CheckRegistryInput,
  CheckRegistryOutput,
} from './actions/checkRegistry';
export type {
  EvaluationPipelineInput,
  ModelCarPipelineInput,
  PipelineInput,
} from './actions/pipelineInputSchema';
export { ModelOpsTargets } from './service/ModelOpsTargets';
