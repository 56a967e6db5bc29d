import { startDemoEnvironment } from '@private-ai/demo-environment';
import {
  defaultTriggerSources,
  interpretPipelineRun,
} from '@private-ai/plugin-modelops-common';
import { KubernetesObject } from '@private-ai/plugin-modelops-node';
import { pipelineRunInput, taskRunInput } from './summaryInput';

const PR = 'tekton.dev/pipelineruns';
const TR = 'tekton.dev/taskruns';
const NAME = 'mistral-24b-quantized-p3x9q';

describe('what a PipelineRun and its TaskRuns give the summary', () => {
  let run: KubernetesObject;
  let taskRuns: KubernetesObject[];
  beforeAll(async () => {
    const env = await startDemoEnvironment({
      now: Date.parse('2026-11-24T12:00:00Z'),
      taskSeconds: 0,
    });
    run = env.cluster.objects.get(PR, 'private-ai', NAME)!;
    taskRuns = [...env.cluster.objects.values(TR)].filter(
      t => t.metadata.labels?.['tekton.dev/pipelineRun'] === NAME,
    );
    await env.stop();
  });
  const summary = (r: KubernetesObject, t = taskRuns) => {
    const { resourceVersion: _version, ...rest } = interpretPipelineRun(r, t, {
      cluster: 'demo',
    });
    return rest;
  };
  const withMetadata = (
    o: KubernetesObject,
    metadata: Partial<NonNullable<KubernetesObject['metadata']>>,
  ) => ({ ...o, metadata: { ...o.metadata, ...metadata } });
  const annotated = (
    o: KubernetesObject,
    annotations: Record<string, string>,
  ) =>
    withMetadata(o, {
      annotations: { ...o.metadata?.annotations, ...annotations },
    });

  it('is the same, as is the summary, when only what the summary does not read changed', () => {
    for (const changed of [
      annotated(run, { 'results.tekton.dev/record': 'private-ai/results/x' }),
      annotated(run, { 'chains.tekton.dev/signed': 'true' }),
      withMetadata(run, { resourceVersion: '999999' }),
      withMetadata(run, {
        managedFields: [{ manager: 'watcher', operation: 'Update' }],
      } as any),
    ]) {
      expect(pipelineRunInput(changed)).toBe(pipelineRunInput(run));
      expect(summary(changed)).toEqual(summary(run));
    }
    const [first, ...others] = taskRuns;
    const touched = annotated(withMetadata(first, { resourceVersion: '1' }), {
      'results.tekton.dev/record': 'x',
    });
    expect(taskRunInput(touched)).toBe(taskRunInput(first));
    expect(summary(run, [touched, ...others])).toEqual(summary(run));
  });

  it('differs for each annotation the summary reads, and for labels, spec and status', () => {
    const read = defaultTriggerSources.filter(s => s.from === 'annotation');
    expect(read.length).toBeGreaterThan(0);
    for (const { key } of read) {
      // Alone (no other trigger source), the annotation is who started the run.
      const bare = withMetadata(run, { annotations: {}, labels: {} });
      const started = annotated(bare, { [key]: 'someone' });
      expect(pipelineRunInput(started)).not.toBe(pipelineRunInput(bare));
      expect(summary(started).triggeredBy).toMatch(/someone/);
      expect(summary(bare).triggeredBy).toBeUndefined();
    }
    const labelled = withMetadata(run, {
      labels: { ...run.metadata?.labels, team: 'a' },
    });
    expect(pipelineRunInput(labelled)).not.toBe(pipelineRunInput(run));
    expect(summary(labelled)).not.toEqual(summary(run));
    const cancelled = {
      ...run,
      spec: { ...(run.spec as object), status: 'Cancelled' },
    };
    expect(pipelineRunInput(cancelled)).not.toBe(pipelineRunInput(run));
    const [first] = taskRuns;
    expect(
      taskRunInput(
        withMetadata(first, {
          labels: { ...first.metadata?.labels, 'tekton.dev/pipelineTask': 'x' },
        }),
      ),
    ).not.toBe(taskRunInput(first));
    expect(
      taskRunInput({
        ...first,
        status: { ...(first.status as object), podName: 'other' },
      }),
    ).not.toBe(taskRunInput(first));
  });
});
