import { generateScale } from '@private-ai/demo-environment';
import { interpretPipelineRun } from '@private-ai/plugin-modelops-common';
import { leanForJoin } from './leanForJoin';

describe('leanForJoin', () => {
  it('keeps everything the interpreter reads: the same summaries from lean TaskRuns and pods', () => {
    const data = generateScale({
      runs: 40,
      models: 2,
      withPods: true,
      now: Date.parse('2026-11-24T12:00:00Z'),
    });
    const of = (kind: string, run: string) =>
      data.objects.filter(
        o =>
          o.kind === kind &&
          o.metadata.labels?.['tekton.dev/pipelineRun'] === run,
      );
    const runs = data.objects.filter(o => o.kind === 'PipelineRun');
    expect(runs).toHaveLength(40);
    for (const run of runs) {
      const taskRuns = of('TaskRun', run.metadata.name);
      const pods = of('Pod', run.metadata.name);
      expect(
        taskRuns.every(t => (t.status as { taskSpec?: unknown }).taskSpec),
      ).toBe(true);
      expect(
        interpretPipelineRun(run, taskRuns.map(leanForJoin), {
          cluster: 'c',
          pods: pods.map(leanForJoin),
        }),
      ).toEqual(interpretPipelineRun(run, taskRuns, { cluster: 'c', pods }));
    }
  });

  it('drops managedFields and status.taskSpec, nothing else', () => {
    const taskRun = {
      metadata: {
        name: 'a',
        namespace: 'n',
        managedFields: [{ manager: 'controller' }],
      },
      spec: { taskRef: { name: 't' } },
      status: { podName: 'a-pod', taskSpec: { steps: [] } },
    };
    expect(leanForJoin(taskRun)).toEqual({
      metadata: { name: 'a', namespace: 'n' },
      spec: { taskRef: { name: 't' } },
      status: { podName: 'a-pod' },
    });
  });
});
