import {
  EventSummary,
  mergeEvents,
  PipelineRunSummary,
} from '@private-ai/plugin-modelops-common';

/**
 * Condition reasons Tekton shows while a TaskRun waits for its pod and then replaces
 * (with `TaskRunTimeout`, typically): kept as a TaskRun event so the diagnosis still sees
 * why the pod never ran.
 */
const WAITING_REASONS = [
  'PodAdmissionFailed',
  'PodCreationFailed',
  'ExceededResourceQuota',
  'ExceededNodeResources',
  'TaskRunImagePullFailed',
  'CreateContainerConfigError',
  'Pending',
];

/**
 * What an earlier collection read about a run and this one could not see any more: the
 * pods Tekton deleted, the events the cluster expired, the waiting reason a TaskRun
 * replaced. Merged into the new summary so the history keeps the evidence.
 */
export function keepEvidence(
  previous: PipelineRunSummary,
  current: PipelineRunSummary,
): PipelineRunSummary {
  const before = new Map((previous.tasks ?? []).map(t => [t.name, t]));
  return {
    ...current,
    tasks: current.tasks.map(task => {
      const old = before.get(task.name);
      if (!old || (old.taskRunName && old.taskRunName !== task.taskRunName)) {
        return task;
      }
      const kept: EventSummary[] = [...(old.events ?? [])];
      if (
        old.reason &&
        old.reason !== task.reason &&
        WAITING_REASONS.includes(old.reason) &&
        (old.reason !== 'Pending' || old.message)
      ) {
        kept.push({
          kind: 'TaskRun',
          name: task.taskRunName,
          type: 'Warning',
          reason: old.reason,
          message: old.message,
        });
      }
      const events = mergeEvents(kept, task.events);
      return {
        ...task,
        ...(task.pod || !old.pod ? {} : { pod: old.pod }),
        ...(events ? { events } : {}),
      };
    }),
  };
}
