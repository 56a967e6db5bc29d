import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DemoEnvironment } from '@private-ai/demo-environment';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { modelCarRequest, startDemo } from '../__testUtils__/demoSetup';
import { checkModelCarFields } from '../checks/checkModelCarFields';
import { ModelOpsTargets } from '../service/ModelOpsTargets';
import { evaluationPipelineRun } from '../tekton/evaluationPipelineRun';
import { modelCarObjects } from '../tekton/modelCarPipeline';
import { createCreatePipelineRunAction } from './createPipelineRun';

jest.setTimeout(30_000);

const PR = 'tekton.dev/pipelineruns';

describe('modelops:pipelinerun:create', () => {
  let env: DemoEnvironment;
  let targets: ModelOpsTargets;
  let workspacePath: string;
  let decision: AuthorizeResult.ALLOW | AuthorizeResult.DENY =
    AuthorizeResult.ALLOW;
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({ result: decision })) as any,
  });

  beforeAll(async () => {
    ({ env, targets } = await startDemo());
  });
  afterAll(() => env.stop());
  beforeEach(async () => {
    decision = AuthorizeResult.ALLOW;
    workspacePath = await fs.mkdtemp(
      path.join(os.tmpdir(), 'modelops-create-test-'),
    );
  });
  afterEach(() => fs.rm(workspacePath, { recursive: true, force: true }));

  const objects = (overrides: object = {}) =>
    modelCarObjects(checkModelCarFields({ ...modelCarRequest, ...overrides }));
  const write = async (file: string, ...docs: object[]) => {
    await fs.mkdir(path.dirname(path.join(workspacePath, file)), {
      recursive: true,
    });
    await fs.writeFile(
      path.join(workspacePath, file),
      docs.map(d => stringify(d)).join('---\n'),
    );
  };
  const create = async (
    input: object,
    options: { isDryRun?: boolean } = {},
  ) => {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath,
      user: { ref: 'user:default/ada' },
    });
    ctx.isDryRun = options.isDryRun;
    (ctx as any).getInitiatorCredentials = async () =>
      mockCredentials.user('user:default/ada');
    await createCreatePipelineRunAction({ targets, permissions }).handler(ctx);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  };
  const runsOf = (entity: string) =>
    env.cluster.objects
      .list(PR, 'private-ai')
      .map(e => e.object)
      .filter(
        o => o.metadata.labels?.['backstage.io/kubernetes-id'] === entity,
      );

  it('starts the run on the cluster that has the Pipeline, with the labels the model page selects, and links to its runs tab', async () => {
    const before = runsOf('mistral-small-24b-instruct').length;
    await write('pipelinerun.yaml', objects().pipelineRun);
    const out = await create({
      cluster: 'demo-cluster',
      manifests: ['pipelinerun.yaml'],
    });
    expect(out.runName).toMatch(
      /^mistral-small-24b-instruct-quantized-[a-z0-9]{5}$/,
    );
    expect(out).toMatchObject({
      cluster: 'demo-cluster',
      namespace: 'private-ai',
      entityRef: 'resource:default/mistral-small-24b-instruct',
      runUrl:
        'http://localhost:3000/catalog/default/resource/mistral-small-24b-instruct/pipeline-runs',
      runPath:
        '/catalog/default/resource/mistral-small-24b-instruct/pipeline-runs',
    });
    const stored = env.cluster.objects.get(PR, 'private-ai', out.runName)!;
    expect(stored.metadata.labels).toMatchObject({
      'modelops.io/model-version': 'quantized-w4a16-20261125-0215',
    });
    expect(stored.metadata.annotations).toMatchObject({
      'pipeline.openshift.io/started-by': 'user:default/ada',
    });
    expect(runsOf('mistral-small-24b-instruct')).toHaveLength(before + 1);
  });

  it('creates the Pipeline and Tasks first in a namespace that has none', async () => {
    env.cluster.objects.create('core/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-b' },
    });
    const { pipelineRun, pipeline, tasks } = objects({ namespace: 'team-b' });
    await write('.tekton/pipelinerun.yaml', pipelineRun);
    await write('.tekton/definitions.yaml', pipeline, ...tasks);
    const out = await create({
      cluster: 'demo-cluster',
      manifests: ['.tekton/pipelinerun.yaml', '.tekton/definitions.yaml'],
    });
    expect(out.namespace).toBe('team-b');
    expect(
      env.cluster.objects.get(
        'tekton.dev/pipelines',
        'team-b',
        'modelcar-build-deploy-v2',
      ),
    ).toBeDefined();
    expect(
      env.cluster.objects
        .list('tekton.dev/tasks', 'team-b')
        .map(t => t.object.metadata.name)
        .sort(),
    ).toEqual([
      'hf-download',
      'model-registry-register',
      'modelcar-build',
      'skopeo-push',
    ]);
    expect(env.cluster.objects.get(PR, 'team-b', out.runName)).toBeDefined();
  });

  it('in a dry run asks the API server and creates nothing', async () => {
    env.cluster.objects.create('core/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-c' },
    });
    const { pipelineRun, pipeline, tasks } = objects({ namespace: 'team-c' });
    await write('run.yaml', pipelineRun, pipeline, ...tasks);
    const out = await create(
      { cluster: 'demo-cluster', manifests: ['run.yaml'] },
      { isDryRun: true },
    );
    expect(out.runName).toBe('mistral-small-24b-instruct-quantized-(dry-run)');
    expect(env.cluster.objects.list('tekton.dev/tasks', 'team-c')).toEqual([]);
    expect(env.cluster.objects.list(PR, 'team-c')).toEqual([]);
  });

  it('is refused without the modelops.pipelinerun.create permission, before touching the cluster', async () => {
    decision = AuthorizeResult.DENY;
    const before = env.cluster.objects.list(PR, 'private-ai').length;
    await write('pipelinerun.yaml', objects().pipelineRun);
    await expect(create({ cluster: 'demo-cluster' })).rejects.toThrow(
      'you may not start pipeline runs (permission modelops.pipelinerun.create)',
    );
    expect(env.cluster.objects.list(PR, 'private-ai')).toHaveLength(before);
  });

  it("refuses a run the cluster's Pipeline does not fit, and a run without a Pipeline anywhere", async () => {
    const eval1 = evaluationPipelineRun({
      namespace: 'private-ai',
      vllmModelName: 'mistral-24b-quantized',
      modelName: 'Mistral-Small-24B-Instruct',
      versionName: 'quantized-w4a16-2501',
      lmEvalTasks: ['mmlu'],
      guidellmProfile: 'sweep',
      serviceAccount: 'model-pipeline-sa',
    });
    await write('eval.yaml', {
      ...eval1,
      spec: {
        ...eval1.spec,
        params: [
          ...(eval1.spec.params as object[]),
          { name: 'temperature', value: '0' },
        ],
      },
    });
    await expect(
      create({ cluster: 'demo-cluster', manifests: ['eval.yaml'] }),
    ).rejects.toThrow(
      'manifests: the Pipeline model-evaluation on demo-cluster/private-ai does not declare the params temperature that the run passes',
    );
    await write('other.yaml', {
      ...eval1,
      spec: { ...eval1.spec, pipelineRef: { name: 'no-such-pipeline' } },
    });
    await expect(
      create({ cluster: 'demo-cluster', manifests: ['other.yaml'] }),
    ).rejects.toThrow(
      'manifests: cluster demo-cluster has no Pipeline no-such-pipeline in private-ai and the manifests do not hold it',
    );
  });

  it("reports the API server's refusal of the dry run and creates nothing", async () => {
    const run = objects().pipelineRun;
    const params = run.spec.params as Array<{ name: string; value: string }>;
    await write('dup.yaml', {
      ...run,
      spec: {
        ...run.spec,
        params: [...params, { ...params[0], value: 'other/repo' }],
      },
    });
    const before = env.cluster.objects.list(PR, 'private-ai').length;
    await expect(
      create({ cluster: 'demo-cluster', manifests: ['dup.yaml'] }),
    ).rejects.toThrow(
      /^cluster: the dry run of PipelineRun mistral-small-24b-instruct-quantized- was refused: .*parameter names must be unique, the parameter "hf-repo"/,
    );
    expect(env.cluster.objects.list(PR, 'private-ai')).toHaveLength(before);
  });

  it('refuses files that are not one valid PipelineRun, and a namespace the cluster does not have', async () => {
    await write('two.yaml', objects().pipelineRun, objects().pipelineRun);
    await expect(
      create({ cluster: 'demo-cluster', manifests: ['two.yaml'] }),
    ).rejects.toThrow(
      /expected exactly one tekton.dev\/v1 PipelineRun in two.yaml, found 2/,
    );
    await expect(
      create({ cluster: 'demo-cluster', manifests: ['missing.yaml'] }),
    ).rejects.toThrow(/^manifests: cannot read missing.yaml/);
    const run = objects().pipelineRun;
    await write('typo.yaml', {
      ...run,
      spec: { ...run.spec, serviceAccount: 'x' },
    });
    await expect(
      create({ cluster: 'demo-cluster', manifests: ['typo.yaml'] }),
    ).rejects.toThrow(
      'PipelineRun mistral-small-24b-instruct-quantized-: spec: unknown field "serviceAccount"',
    );
    await write('pipelinerun.yaml', run);
    await expect(
      create({ cluster: 'demo-cluster', namespace: 'nowhere' }),
    ).rejects.toThrow(
      'namespace: there is no namespace "nowhere" on cluster demo-cluster',
    );
  });
});
