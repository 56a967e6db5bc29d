import { createPermission } from '@backstage/plugin-permission-common';

/** Start a new PipelineRun from an existing one's spec. @public */
export const modelopsPipelineRunCreatePermission = createPermission({
  name: 'modelops.pipelinerun.create',
  attributes: { action: 'create' },
});

/** Cancel a running PipelineRun. @public */
export const modelopsPipelineRunCancelPermission = createPermission({
  name: 'modelops.pipelinerun.cancel',
  attributes: { action: 'update' },
});

/** Write evaluation results to a model version in the Model Registry. @public */
export const modelopsEvaluationPublishPermission = createPermission({
  name: 'modelops.evaluation.publish',
  attributes: { action: 'update' },
});

/** Every permission the ModelOps plugins define. @public */
export const modelopsPermissions = [
  modelopsPipelineRunCreatePermission,
  modelopsPipelineRunCancelPermission,
  modelopsEvaluationPublishPermission,
];
