import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of catalog entities (`RESOURCE_TYPE_CATALOG_ENTITY` of
 * `@backstage/plugin-catalog-common`, repeated here so this isomorphic package needs no catalog
 * dependency): run permissions are checked against the entity the run belongs to, so a policy
 * can use the catalog's conditions (`isEntityOwner`, `hasAnnotation`, ...).
 */
const CATALOG_ENTITY = 'catalog-entity';

/**
 * Start a new PipelineRun from a template (the scaffolder action `modelops:pipelinerun:create`):
 * there is no run, and often no entity yet, to check it against. @public
 */
export const modelopsPipelineRunCreatePermission = createPermission({
  name: 'modelops.pipelinerun.create',
  attributes: { action: 'create' },
});

/**
 * Start a new PipelineRun from an existing one's spec. A resource permission: checked with the
 * `resourceRef` of the entity the run belongs to ("owners of this model may re-run"). @public
 */
export const modelopsPipelineRunRerunPermission = createPermission({
  name: 'modelops.pipelinerun.rerun',
  attributes: { action: 'create' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Cancel a running PipelineRun. A resource permission: checked with the `resourceRef` of the
 * entity the run belongs to. @public
 */
export const modelopsPipelineRunCancelPermission = createPermission({
  name: 'modelops.pipelinerun.cancel',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Read the container logs of a run or a notebook validation job (logs can hold secrets), in
 * addition to reading the entity. A resource permission, like the Kubernetes plugin's
 * `kubernetes.proxy`: checked with the `resourceRef` of the entity the run belongs to. @public
 */
export const modelopsLogsReadPermission = createPermission({
  name: 'modelops.logs.read',
  attributes: { action: 'read' },
  resourceType: CATALOG_ENTITY,
});

/** Write evaluation results to a model version in the Model Registry. @public */
export const modelopsEvaluationPublishPermission = createPermission({
  name: 'modelops.evaluation.publish',
  attributes: { action: 'update' },
});

/** Every permission the ModelOps plugins define. @public */
export const modelopsPermissions = [
  modelopsPipelineRunCreatePermission,
  modelopsPipelineRunRerunPermission,
  modelopsPipelineRunCancelPermission,
  modelopsLogsReadPermission,
  modelopsEvaluationPublishPermission,
];
