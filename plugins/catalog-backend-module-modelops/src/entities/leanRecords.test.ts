import { mockServices } from '@backstage/backend-test-utils';
import {
  DemoEnvironment,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { LABEL_KUBERNETES_ID } from '@private-ai/plugin-modelops-common';
import {
  createClusterClient,
  ModelRegistryClient,
  RESOURCES,
} from '@private-ai/plugin-modelops-node';
import { buildEntities } from '../buildEntities';
import { ModelRegistryEntityProvider } from '../ModelRegistryEntityProvider';

jest.setTimeout(30_000);

describe('lean records', () => {
  let env: DemoEnvironment;
  beforeAll(async () => {
    env = await startDemoEnvironment({
      now: Date.parse('2026-11-24T12:00:00Z'),
      taskSeconds: 0,
    });
  });
  afterAll(() => env.stop());

  it('build the same entities as the whole objects the registry and the cluster answer', async () => {
    // A ModelCar build of a model the registry does not have yet, and an evaluation run.
    for (const [name, pipeline] of [
      ['granite-build-run1', 'modelcar-pipeline'],
      ['granite-eval-run2', 'model-evaluation'],
    ])
      env.cluster.objects.create('tekton.dev/pipelineruns', {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: {
          name,
          namespace: 'private-ai',
          labels: { 'backstage.io/kubernetes-id': 'granite-3-8b-instruct' },
          annotations: {
            'kubectl.kubernetes.io/last-applied-configuration': '{}',
          },
          creationTimestamp: '2026-11-25T01:00:00Z',
        },
        spec: {
          pipelineRef: { name: pipeline },
          params: [
            { name: 'hf-repo', value: 'ibm-granite/granite-3.3-8b-instruct' },
            { name: 'model-name', value: 'Granite-3-8B-Instruct' },
            { name: 'version-name', value: 'quantized-w4a16-20261125-0100' },
          ],
        },
      });
    const cluster = createClusterClient({
      name: 'demo-cluster',
      url: env.kubernetes.url,
      serviceAccountToken: env.kubernetesToken,
      skipTLSVerify: false,
      timeoutMs: 2000,
    });
    const registry = new ModelRegistryClient({
      baseUrl: env.modelRegistry.url,
      token: env.registryToken,
    });
    const provider = new ModelRegistryEntityProvider(
      {
        id: 'demo',
        baseUrl: env.modelRegistry.url,
        owner: 'group:default/ai-platform',
        archived: 'show',
        clusters: ['demo-cluster'],
      },
      [cluster],
      mockServices.logger.mock(),
      undefined,
      registry,
    );
    const lean = await provider.read();

    const models = await registry.listRegisteredModels();
    const versions = new Map(
      await Promise.all(
        models.map(
          async m => [m.id, await registry.listModelVersions(m.id)] as const,
        ),
      ),
    );
    const artifacts = new Map(
      await Promise.all(
        [...versions.values()]
          .flat()
          .map(async v => [v.id, await registry.listArtifacts(v.id)] as const),
      ),
    );
    const servers = await cluster.list(RESOURCES.inferenceServices);
    const runs = await cluster.list(RESOURCES.pipelineRuns, {
      labelSelector: LABEL_KUBERNETES_ID,
    });
    const whole = {
      ...lean,
      models,
      versions,
      artifacts,
      inferenceServices: await registry.listInferenceServices(),
      clusterInferenceServices: servers.items.map(object => ({
        cluster: 'demo-cluster',
        object,
      })),
      clusterPipelineRuns: runs.items.map(object => ({
        cluster: 'demo-cluster',
        object,
      })),
    };
    // Whole objects carry more than the lean ones keep (managedFields, kubectl's copy, ...).
    expect(
      JSON.stringify(whole.clusterInferenceServices).length,
    ).toBeGreaterThan(JSON.stringify(lean.clusterInferenceServices).length);
    const built = buildEntities(lean);
    expect(built.entities.length).toBeGreaterThan(20);
    expect(built.entities.some(e => e.kind === 'Component')).toBe(true);
    expect(
      built.entities.some(
        e => e.metadata.annotations?.['modelops.io/registration'] === 'pending',
      ),
    ).toBe(true);
    expect(built).toEqual(buildEntities(whole));
  });
});
