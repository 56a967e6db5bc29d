import { FakeCluster } from '../kubernetes/FakeCluster';
import { typeKeyOf } from '../kubernetes/resourceTypes';
import { buildScenario, seedCluster } from './buildScenario';
import { RunSimulator } from './RunSimulator';

const PR = typeKeyOf({ group: 'tekton.dev', plural: 'pipelineruns' });
const TR = typeKeyOf({ group: 'tekton.dev', plural: 'taskruns' });
const NOW = Date.parse('2026-11-24T12:00:00Z');

function setup() {
  let now = NOW;
  const cluster = new FakeCluster({ now: () => now });
  const scenario = buildScenario(NOW);
  seedCluster(cluster, scenario.objects, scenario.logs);
  const simulator = new RunSimulator(cluster, { taskSeconds: 8, now: () => now });
  const advance = (seconds: number) => {
    now += seconds * 1000;
    simulator.tick();
  };
  return { cluster, scenario, simulator, advance };
}

const reason = (o: any) => o.status.conditions[0].reason;
const flush = () => new Promise(r => setImmediate(r));

describe('RunSimulator', () => {
  it('moves the running ModelCar run task by task to Succeeded', () => {
    const { cluster, scenario, simulator, advance } = setup();
    const running = scenario.modelCarRuns.find(r => r.plan.status === 'Running')!;
    simulator.drive(running.plan);
    const get = () => cluster.objects.get(PR, 'private-ai', running.plan.name)!;
    expect(reason(get())).toBe('Running');
    expect((get().status as any).childReferences).toHaveLength(3);
    advance(5);
    expect((get().status as any).childReferences).toHaveLength(3);
    advance(4);
    expect((get().status as any).childReferences).toHaveLength(4);
    expect(reason(cluster.objects.get(TR, 'private-ai', `${running.plan.name}-push-to-internal`)!)).toBe('Succeeded');
    advance(9);
    advance(9);
    expect(reason(get())).toBe('Succeeded');
    expect(simulator.activeRuns).toBe(0);
  });

  it('adopts a PipelineRun created through the API and cancels it on spec.status: Cancelled', async () => {
    const { cluster, simulator, advance } = setup();
    simulator.start(60_000);
    cluster.objects.create(PR, {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'rerun-abcde', namespace: 'private-ai', labels: { 'backstage.io/kubernetes-id': 'mistral-small-24b-instruct' } },
      spec: { pipelineRef: { name: 'modelcar-build-deploy-v2' }, params: [{ name: 'model-name', value: 'Mistral-Small-24B-Instruct' }] },
    });
    await flush();
    const get = () => cluster.objects.get(PR, 'private-ai', 'rerun-abcde')!;
    expect(reason(get())).toBe('Running');
    expect(get().metadata.labels?.['backstage.io/kubernetes-id']).toBe('mistral-small-24b-instruct');
    advance(9);
    expect((get().status as any).childReferences.map((c: any) => c.pipelineTaskName)).toEqual(['download-model', 'build-image']);
    const current = get();
    cluster.objects.update(PR, { ...current, spec: { ...(current.spec as object), status: 'Cancelled' } });
    await flush();
    expect(reason(get())).toBe('Cancelled');
    expect((get().spec as any).status).toBe('Cancelled');
    expect(reason(cluster.objects.get(TR, 'private-ai', 'rerun-abcde-build-image')!)).toBe('TaskRunCancelled');
    simulator.stop();
  });

  it('fails a PipelineRun whose Pipeline does not exist, as Tekton does', async () => {
    const { cluster, simulator } = setup();
    simulator.start(60_000);
    cluster.objects.create(PR, {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'typo-run', namespace: 'private-ai' },
      spec: { pipelineRef: { name: 'modelcar-build-deploy-v3' } },
    });
    await flush();
    const run = cluster.objects.get(PR, 'private-ai', 'typo-run')!;
    expect(reason(run)).toBe('CouldntGetPipeline');
    expect((run.status as any).conditions[0].message).toContain('pipelines.tekton.dev "modelcar-build-deploy-v3" not found');
    simulator.stop();
  });
});
