import {
  diagnoseSummary,
  PipelineRunSummary,
  TaskSummary,
} from '@private-ai/plugin-modelops-common';
import { keepEvidence } from './keepEvidence';

const task = (extra: Partial<TaskSummary>): TaskSummary => ({
  name: 'build-image',
  taskRunName: 'run-build-image',
  podName: 'run-build-image-pod',
  status: 'Running',
  retries: 0,
  steps: [],
  results: {},
  ...extra,
});
const run = (
  tasks: TaskSummary[],
  extra: Partial<PipelineRunSummary> = {},
): PipelineRunSummary => ({
  cluster: 'c',
  namespace: 'private-ai',
  name: 'run',
  uid: 'u',
  kind: 'modelcar',
  status: 'Running',
  labels: {},
  params: {},
  keyParams: {},
  tasks,
  digests: { consistent: true },
  ...extra,
});

describe('keepEvidence', () => {
  it('keeps the SCC refusal Tekton showed while the task waited, after the timeout replaced it', () => {
    const before = run([
      task({
        status: 'Running',
        reason: 'PodAdmissionFailed',
        message:
          'Failed to create pod due to: pods "run-build-image-pod" is forbidden: unable to validate against any security context constraint: [spec.containers[0].securityContext.runAsUser: Invalid value: 1001: must be in the ranges: [1000970000, 1000979999]]',
      }),
    ]);
    const after = run(
      [
        task({
          status: 'TimedOut',
          reason: 'TaskRunTimeout',
          message: 'TaskRun "run-build-image" failed to finish within "1h0m0s"',
        }),
      ],
      { status: 'TimedOut', reason: 'PipelineRunTimeout' },
    );
    expect(diagnoseSummary(after)?.code).toBe('timeout');
    const kept = keepEvidence(before, after);
    expect(kept.tasks[0].events).toEqual([
      expect.objectContaining({
        kind: 'TaskRun',
        reason: 'PodAdmissionFailed',
      }),
    ]);
    const diagnosis = diagnoseSummary(kept);
    expect(diagnosis?.code).toBe('pod-admission-failed');
    expect(diagnosis?.explanation).toMatch(/runAsUser 1001/);
  });

  it('keeps the pod state read earlier when the pod is gone, and nothing of another TaskRun', () => {
    const pod = { name: 'run-build-image-pod', phase: 'Pending' };
    const kept = keepEvidence(run([task({ pod })]), run([task({})]));
    expect(kept.tasks[0].pod).toEqual(pod);
    const retried = keepEvidence(
      run([task({ pod })]),
      run([task({ taskRunName: 'run-build-image-r1' })]),
    );
    expect(retried.tasks[0].pod).toBeUndefined();
  });
});
