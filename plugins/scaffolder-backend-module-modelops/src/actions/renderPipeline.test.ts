import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  DEMO_SECRET_VALUES,
  DemoEnvironment,
} from '@private-ai/demo-environment';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import {
  evaluationRequest,
  modelCarRequest,
  startDemo,
} from '../__testUtils__/demoSetup';
import { ModelOpsTargets } from '../service/ModelOpsTargets';
import { validateTektonSchema } from '../validation/validateTektonSchema';
import { createRenderPipelineAction } from './renderPipeline';

jest.setTimeout(30_000);

/** Every credential value of the demo Secrets, plain and base64 as they sit in a Secret. */
const credentialValues = Object.values(DEMO_SECRET_VALUES).flatMap(v => [
  v,
  Buffer.from(v).toString('base64'),
]);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, {
    recursive: true,
    withFileTypes: true,
  });
  return entries
    .filter(e => e.isFile())
    .map(e => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('modelops:pipeline:render', () => {
  let env: DemoEnvironment;
  let targets: ModelOpsTargets;
  let catalog: ReturnType<typeof catalogServiceMock>;
  let workspacePath: string;
  beforeAll(async () => {
    ({ env, targets, catalog } = await startDemo());
  });
  afterAll(() => env.stop());
  beforeEach(async () => {
    workspacePath = await fs.mkdtemp(
      path.join(os.tmpdir(), 'modelops-render-test-'),
    );
  });
  afterEach(() => fs.rm(workspacePath, { recursive: true, force: true }));

  const render = async (input: object) => {
    const ctx = createMockActionContext({ input: input as any, workspacePath });
    await createRenderPipelineAction({ targets, catalog }).handler(ctx);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  };

  it('writes the run, Pipeline and Tasks of a new model, all valid, with no credential in any file and no catalog file', async () => {
    const out = await render({
      ...modelCarRequest,
      modelName: 'Phi-4-Mini-Instruct',
      huggingFaceRepo: 'microsoft/Phi-4-mini-instruct',
      targetPath: '.tekton',
    });
    const files = await filesUnder(workspacePath);
    expect(files).toEqual([
      '.tekton/pipeline.yaml',
      '.tekton/pipelinerun.yaml',
      '.tekton/tasks/hf-download.yaml',
      '.tekton/tasks/model-registry-register.yaml',
      '.tekton/tasks/modelcar-build.yaml',
      '.tekton/tasks/skopeo-push.yaml',
    ]);
    expect(out.files.map((f: string) => path.normalize(f)).sort()).toEqual(
      files,
    );
    expect(out.pipelineRunPath).toBe('.tekton/pipelinerun.yaml');
    const texts = await Promise.all(
      files.map(file => fs.readFile(path.join(workspacePath, file), 'utf8')),
    );
    const leaks = texts.flatMap((text, i) =>
      credentialValues
        .filter(value => text.includes(value))
        .map(value => `${files[i]}: ${value}`),
    );
    expect(leaks).toEqual([]);
    const tekton = texts.map(text => parse(text));
    expect(tekton.map(object => object.kind).sort()).toEqual([
      'Pipeline',
      'PipelineRun',
      'Task',
      'Task',
      'Task',
      'Task',
    ]);
    expect(tekton.flatMap(object => validateTektonSchema(object))).toEqual([]);
    const run = parse(
      await fs.readFile(
        path.join(workspacePath, '.tekton/pipelinerun.yaml'),
        'utf8',
      ),
    );
    expect(run.metadata.labels).toEqual({
      'backstage.io/kubernetes-id': 'phi-4-mini-instruct',
      'modelops.io/model-version': 'quantized-w4a16-20261125-0215',
    });
    expect(run.spec.taskRunTemplate).toEqual({
      serviceAccountName: 'model-pipeline-sa',
      podTemplate: {
        securityContext: { fsGroup: 1001, runAsUser: 1001, runAsGroup: 1001 },
      },
    });
    expect(run.spec.workspaces).toEqual([
      {
        name: 'shared',
        volumeClaimTemplate: {
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '40Gi' } },
          },
        },
      },
      { name: 'quay-auth', secret: { secretName: 'quay-push-credentials' } },
    ]);
    expect(run.spec.params).toContainEqual({
      name: 'hf-token-secret',
      value: 'hf-token',
    });
    const pipeline = parse(
      await fs.readFile(
        path.join(workspacePath, '.tekton/pipeline.yaml'),
        'utf8',
      ),
    );
    const after = Object.fromEntries(
      pipeline.spec.tasks.map((t: any) => [t.name, t.runAfter ?? []]),
    );
    expect(after).toEqual({
      'download-model': [],
      'build-image': ['download-model'],
      'push-to-internal': ['build-image'],
      'push-to-quay': ['push-to-internal'],
      'register-model': ['push-to-quay'],
    });
  });

  it('sizes the fp16 workspace from the variant', async () => {
    await render({
      ...modelCarRequest,
      variant: 'full-fp16',
      versionName: 'full-fp16-20261125-0215',
    });
    const run = parse(
      await fs.readFile(path.join(workspacePath, 'pipelinerun.yaml'), 'utf8'),
    );
    expect(
      run.spec.workspaces[0].volumeClaimTemplate.spec.resources.requests
        .storage,
    ).toBe('120Gi');
    expect(run.metadata.generateName).toBe('mistral-small-24b-instruct-fp16-');
  });

  it('writes the evaluation run with names that exist', async () => {
    await render(evaluationRequest);
    expect(await filesUnder(workspacePath)).toEqual(['pipelinerun.yaml']);
    const run = parse(
      await fs.readFile(path.join(workspacePath, 'pipelinerun.yaml'), 'utf8'),
    );
    expect(validateTektonSchema(run)).toEqual([]);
    expect(run.spec.params).toEqual([
      { name: 'vllm_model_name', value: 'mistral-24b-quantized' },
      { name: 'model_name', value: 'Mistral-Small-24B-Instruct' },
      { name: 'version_name', value: 'quantized-w4a16-2501' },
      { name: 'lm_eval_tasks', value: 'mmlu,gsm8k' },
      { name: 'guidellm_profile', value: 'sweep' },
      { name: 'min_accuracy', value: '0.6' },
      { name: 'max_ttft_p90_ms', value: '800' },
    ]);
  });

  it('writes nothing when a check fails, and never outside the workspace', async () => {
    await expect(
      render({ ...modelCarRequest, quayAuthSecret: 'missing-secret' }),
    ).rejects.toThrow(/^quayAuthSecret: there is no Secret "missing-secret"/);
    await expect(
      render({ ...modelCarRequest, targetPath: '../outside' }),
    ).rejects.toThrow(/outside/i);
    expect(await filesUnder(workspacePath)).toEqual([]);
  });
});
