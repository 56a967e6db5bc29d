import { KubernetesObject } from '@private-ai/plugin-modelops-node';

/**
 * An object as the collector keeps it while it waits to be joined to its PipelineRun: without
 * `metadata.managedFields` and a TaskRun's `status.taskSpec` (Tekton's copy of the whole task,
 * scripts included), which no interpreter or diagnosis rule reads. A full sync holds every
 * TaskRun of a namespace for a while; these two fields are most of a real TaskRun's size.
 */
export function leanForJoin(object: KubernetesObject): KubernetesObject {
  const { managedFields: _managed, ...metadata } = object.metadata ?? {};
  const status = object.status as Record<string, unknown> | undefined;
  if (!status || !('taskSpec' in status))
    return object.metadata ? { ...object, metadata } : object;
  const { taskSpec: _taskSpec, ...rest } = status;
  return { ...object, metadata, status: rest };
}
