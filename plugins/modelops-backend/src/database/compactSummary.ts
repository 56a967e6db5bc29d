import { PipelineRunSummary } from '@private-ai/plugin-modelops-common';

/**
 * What a run list needs of a run: status, timing, trigger, key params, tasks with their
 * status, duration, retries, digest and failing step, the digest trail and the diagnosis.
 * Params, results, step lists of healthy tasks and pod details stay in the detail route.
 */
export function compactSummary(summary: PipelineRunSummary): PipelineRunSummary {
  const { params: _params, results: _results, workspaces: _workspaces, securityContext: _securityContext, ...rest } = summary;
  return {
    ...rest,
    params: {},
    tasks: summary.tasks.map(task => ({
      name: task.name,
      taskRunName: task.taskRunName,
      stage: task.stage,
      status: task.status,
      reason: task.reason,
      message: task.status === 'Succeeded' ? undefined : task.message,
      startedAt: task.startedAt,
      finishedAt: task.finishedAt,
      durationSeconds: task.durationSeconds,
      retries: task.retries,
      digest: task.digest,
      missing: task.missing,
      skipped: task.skipped,
      results: {},
      steps: task.steps.filter(s => s.status !== 'Succeeded'),
    })),
  };
}
