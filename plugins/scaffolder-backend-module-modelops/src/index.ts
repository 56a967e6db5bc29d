/**
 * Scaffolder actions that validate, render and start ModelCar and evaluation pipelines.
 *
 * @packageDocumentation
 */
export { scaffolderModuleModelops as default } from './module';
export { createValidatePipelineAction } from './actions/validatePipeline';
export { createRenderPipelineAction } from './actions/renderPipeline';
export { createCreatePipelineRunAction } from './actions/createPipelineRun';
export { createCheckRegistryAction } from './actions/checkRegistry';
export { ModelOpsTargets } from './service/ModelOpsTargets';
