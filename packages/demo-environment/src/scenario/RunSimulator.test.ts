import { FakeCluster } from '../kubernetes/FakeCluster';
import { typeKeyOf } from '../kubernetes/resourceTypes';
import { RegistryStore } from '../modelRegistry/RegistryStore';
import { registerBuild } from '../modelRegistry/registerBuild';
import { buildScenario, seedCluster } from './buildScenario';
import { RunSimulator } from './RunSimulator';

const PR = typeKeyOf({ group: 'tekton.dev', plural: 'pipelineruns' });
const TR = typeKeyOf({ group: 'tekton.dev', plural: 'taskruns' });
const NOW = Date.parse('2026-11-24T12:00:00Z');

function setup(
  options: {
    register?: ConstructorParameters<typeof RunSimulator>[1]['register'];
  } = {},
) {
  let now = NOW;
  const cluster = new FakeCluster({ now: () => now });
  const scenario = buildScenario(NOW);
  seedCluster(cluster, scenario.objects, scenario.logs);
  const simulator = new RunSimulator(cluster, {
    taskSeconds: 8,
    now: () => now,
    register: options.register,
  });
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
    const running = scenario.modelCarRuns.find(
      r => r.plan.status === 'Running',
    )!;
    simulator.drive(running.plan);
    const get = () => cluster.objects.get(PR, 'private-ai', running.plan.name)!;
    expect(reason(get())).toBe('Running');
    expect((get().status as any).childReferences).toHaveLength(3);
    advance(5);
    expect((get().status as any).childReferences).toHaveLength(3);
    advance(4);
    expect((get().status as any).childReferences).toHaveLength(4);
    expect(
      reason(
        cluster.objects.get(
          TR,
          'private-ai',
          `${running.plan.name}-push-to-internal`,
        )!,
      ),
    ).toBe('Succeeded');
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
      metadata: {
        name: 'rerun-abcde',
        namespace: 'private-ai',
        labels: { 'backstage.io/kubernetes-id': 'mistral-small-24b-instruct' },
      },
      spec: {
        pipelineRef: { name: 'modelcar-build-deploy-v2' },
        params: [{ name: 'model-name', value: 'Mistral-Small-24B-Instruct' }],
      },
    });
    await flush();
    const get = () => cluster.objects.get(PR, 'private-ai', 'rerun-abcde')!;
    expect(reason(get())).toBe('Running');
    expect(get().metadata.labels?.['backstage.io/kubernetes-id']).toBe(
      'mistral-small-24b-instruct',
    );
    advance(9);
    expect(
      (get().status as any).childReferences.map((c: any) => c.pipelineTaskName),
    ).toEqual(['download-model', 'build-image']);
    const current = get();
    cluster.objects.update(PR, {
      ...current,
      spec: { ...(current.spec as object), status: 'Cancelled' },
    });
    await flush();
    expect(reason(get())).toBe('Cancelled');
    expect((get().spec as any).status).toBe('Cancelled');
    expect(
      reason(cluster.objects.get(TR, 'private-ai', 'rerun-abcde-build-image')!),
    ).toBe('TaskRunCancelled');
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
    expect((run.status as any).conditions[0].message).toContain(
      'pipelines.tekton.dev "modelcar-build-deploy-v3" not found',
    );
    simulator.stop();
  });

  it('registers what a new build built when its register-model task finishes, and fails the task when the registry refuses', async () => {
    const registry = new RegistryStore({ now: () => NOW });
    const { cluster, simulator, advance } = setup({
      register: plan =>
        registerBuild(registry, {
          modelName: plan.params['model-name'],
          versionName: plan.params['version-name'],
          uri: `oci://${plan.params['quay-image']}@sha256:${'a'.repeat(64)}`,
          hfRepo: plan.params['hf-repo'],
        }),
    });
    simulator.start(60_000);
    const start = (name: string) =>
      cluster.objects.create(PR, {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: {
          name,
          namespace: 'private-ai',
          labels: { 'backstage.io/kubernetes-id': 'phi-4-mini-instruct' },
        },
        spec: {
          pipelineRef: { name: 'modelcar-build-deploy-v2' },
          params: [
            { name: 'hf-repo', value: 'microsoft/Phi-4-mini-instruct' },
            { name: 'model-name', value: 'Phi-4-Mini-Instruct' },
            { name: 'version-name', value: 'quantized-w4a16-20261125-0100' },
            {
              name: 'quay-image',
              value: 'quay.io/private-ai/phi-4-mini-instruct',
            },
          ],
        },
      });
    start('phi-build-1');
    await flush();
    for (let i = 0; i < 8; i++) advance(9);
    const first = cluster.objects.get(PR, 'private-ai', 'phi-build-1')!;
    expect(reason(first)).toBe('Succeeded');
    const model = [...registry.registeredModels.values()].find(
      m => m.name === 'Phi-4-Mini-Instruct',
    )!;
    expect(
      registry
        .versionsOf(model.id)
        .map(v => [v.name, v.customProperties.hf_repo]),
    ).toEqual([
      [
        'quantized-w4a16-20261125-0100',
        {
          metadataType: 'MetadataStringValue',
          string_value: 'microsoft/Phi-4-mini-instruct',
        },
      ],
    ]);
    const version = registry.versionsOf(model.id)[0];
    expect(registry.artifactsOf(version.id).map(a => a.uri)).toEqual([
      `oci://quay.io/private-ai/phi-4-mini-instruct@sha256:${'a'.repeat(64)}`,
    ]);
    expect((first.status as any).results).toContainEqual({
      name: 'MODEL_VERSION_ID',
      value: version.id,
    });

    // The same version name again: the registry refuses it, and the task says why.
    start('phi-build-2');
    await flush();
    for (let i = 0; i < 8; i++) advance(9);
    expect(reason(cluster.objects.get(PR, 'private-ai', 'phi-build-2')!)).toBe(
      'Failed',
    );
    const task = cluster.objects.get(
      TR,
      'private-ai',
      'phi-build-2-register-model',
    )!;
    expect(reason(task)).toBe('Failed');
    expect(registry.versionsOf(model.id)).toHaveLength(1);
    simulator.stop();
  });
});
