import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEMO_SECRET_VALUES,
  DemoEnvironment,
} from '@private-ai/demo-environment';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { demoConfig, startDemo } from './__testUtils__/demoSetup';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderGiteaModule from '@backstage/plugin-scaffolder-backend-module-gitea';
import scaffolderGithubModule from '@backstage/plugin-scaffolder-backend-module-github';
import scaffolderGitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import { scaffolderModuleModelops } from './module';
import { validateTektonSchema } from './validation/validateTektonSchema';

jest.setTimeout(60_000);

const TEMPLATES = path.resolve(__dirname, '../../../templates');
const template = (name: string) =>
  parse(fs.readFileSync(path.join(TEMPLATES, name, 'template.yaml'), 'utf8'));
const credentialValues = Object.values(DEMO_SECRET_VALUES).flatMap(v => [
  v,
  Buffer.from(v).toString('base64'),
]);

/**
 * Both templates rendered end to end by the real scaffolder backend (its dry-run endpoint,
 * the one the template editor uses) with this module and the demo environment behind it.
 */
describe('the ModelOps templates in the scaffolder', () => {
  let env: DemoEnvironment;
  let server: any;
  const PR = 'tekton.dev/pipelineruns';

  beforeAll(async () => {
    const demo = await startDemo();
    env = demo.env;
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderGithubModule,
        scaffolderGitlabModule,
        scaffolderGiteaModule,
        scaffolderModuleModelops,
        mockServices.rootConfig.factory({
          data: {
            ...demoConfig(env),
            backend: { baseUrl: 'http://localhost:7007' },
            // A token the dry run never sends anywhere: the publish actions only need one configured.
            integrations: {
              github: [
                { host: 'github.com', token: 'not-a-real-github-token' },
              ],
            },
          },
        }),
        catalogServiceMock.factory({ entities: demo.entities }),
      ],
    }));
  });
  afterAll(() => env.stop());

  const dryRun = (name: string, values: object) =>
    request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('authorization', mockCredentials.user.header())
      .send({
        template: template(name),
        values,
        secrets: {},
        directoryContents: [],
      });

  const files = (body: any) =>
    Object.fromEntries(
      (
        body.directoryContents as Array<{ path: string; base64Content: string }>
      ).map(f => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ]),
    );

  const modelCarValues = {
    huggingFaceRepo: 'mistralai/Mistral-Small-24B-Instruct-2501',
    huggingFaceRevision: 'main',
    variant: 'quantized-w4a16',
    modelName: 'Mistral-Small-24B-Instruct',
    versionName: 'quantized-w4a16-20261125-0215',
    cluster: 'demo-cluster',
    namespace: 'private-ai',
    internalImage:
      'image-registry.openshift-image-registry.svc:5000/private-ai/mistral-small-24b-instruct',
    quayImage: 'quay.io/private-ai/mistral-small-24b-instruct',
    workspaceSize: '40Gi',
    hfTokenSecret: 'hf-token',
    quayAuthSecret: 'quay-push-credentials',
    serviceAccount: 'model-pipeline-sa',
    fsGroup: 1001,
    runAsUser: 1001,
    startNow: true,
    openPullRequest: false,
  };

  it('renders "New ModelCar pipeline" into valid Tekton objects without a credential, and dry-runs the start on the cluster', async () => {
    const before = env.cluster.objects.list(PR, 'private-ai').length;
    const response = await dryRun('modelcar-pipeline', modelCarValues);
    expect(response.body.error).toBeUndefined();
    expect(response.status).toBe(200);
    const written = files(response.body);
    expect(Object.keys(written).sort()).toEqual([
      '.tekton/mistral-small-24b-instruct/pipeline.yaml',
      '.tekton/mistral-small-24b-instruct/pipelinerun.yaml',
      '.tekton/mistral-small-24b-instruct/tasks/hf-download.yaml',
      '.tekton/mistral-small-24b-instruct/tasks/model-registry-register.yaml',
      '.tekton/mistral-small-24b-instruct/tasks/modelcar-build.yaml',
      '.tekton/mistral-small-24b-instruct/tasks/skopeo-push.yaml',
    ]);
    expect(
      Object.values(written).flatMap(text => validateTektonSchema(parse(text))),
    ).toEqual([]);
    const everything = JSON.stringify(response.body);
    expect(
      credentialValues.filter(value => everything.includes(value)),
    ).toEqual([]);
    const run = parse(
      written['.tekton/mistral-small-24b-instruct/pipelinerun.yaml'],
    );
    expect(run.spec.params).toContainEqual({
      name: 'version-name',
      value: 'quantized-w4a16-20261125-0215',
    });
    expect(response.body.output.links).toEqual([
      {
        title: "The run on the model's runs tab",
        url: '/catalog/default/resource/mistral-small-24b-instruct/pipeline-runs',
      },
    ]);
    expect(response.body.steps.map((s: any) => s.id)).toEqual([
      'validate',
      'render',
      'publish-github',
      'publish-gitlab',
      'publish-gitea',
      'start',
    ]);
    // A dry run starts nothing.
    expect(env.cluster.objects.list(PR, 'private-ai')).toHaveLength(before);
  });

  it('takes the git path when asked: the pull request step runs, the start step does not', async () => {
    const response = await dryRun('modelcar-pipeline', {
      ...modelCarValues,
      startNow: false,
      openPullRequest: true,
      gitProvider: 'github',
      repoUrl: 'github.com?owner=private-ai&repo=modelops-pipelines',
    });
    expect(response.body.error).toBeUndefined();
    expect(response.status).toBe(200);
    const log = (
      response.body.log as Array<{ body: { message: string; stepId?: string } }>
    )
      .map(l => l.body.message)
      .join('\n');
    expect(log).toContain(
      'Skipping step start because its if condition was false',
    );
    expect(log).toContain(
      'Skipping step publish-gitlab because its if condition was false',
    );
    expect(log).not.toContain(
      'Skipping step publish-github because its if condition was false',
    );
    expect(log).toContain('Beginning step Open a pull request on GitHub');
    // In a dry run the publish action answers with the repository it was given.
    expect(response.body.output.links).toEqual([
      {
        title: 'Pull request',
        url: 'github.com?owner=private-ai&repo=modelops-pipelines',
      },
    ]);
  });

  it('sizes the workspace from the variant when the form leaves it empty', async () => {
    const { workspaceSize: _omitted, ...values } = modelCarValues;
    const response = await dryRun('modelcar-pipeline', {
      ...values,
      variant: 'full-fp16',
      versionName: 'full-fp16-20261125-0215',
    });
    expect(response.status).toBe(200);
    const run = parse(
      files(response.body)[
        '.tekton/mistral-small-24b-instruct/pipelinerun.yaml'
      ],
    );
    expect(
      run.spec.workspaces[0].volumeClaimTemplate.spec.resources.requests
        .storage,
    ).toBe('120Gi');
  });

  it('refuses bad input in the ModelCar template with the field named, before writing anything', async () => {
    const response = await dryRun('modelcar-pipeline', {
      ...modelCarValues,
      quayAuthSecret: 'quay-creds"\nkind: Secret',
    });
    const log = JSON.stringify(response.body);
    expect(log).toContain('quayAuthSecret: must be a single line');
    expect(response.body.directoryContents ?? []).toEqual([]);
  });

  it('renders "Evaluate a model version" into a valid PipelineRun whose names exist', async () => {
    const response = await dryRun('evaluate-model-version', {
      modelVersion:
        'resource:default/mistral-small-24b-instruct-quantized-w4a16-2501',
      modelServer: 'component:default/mistral-24b-quantized',
      lmEvalTasks: ['mmlu', 'gsm8k'],
      guidellmProfile: 'sweep',
      minAccuracy: 0.6,
      maxTtftP90Ms: 800,
      serviceAccount: 'model-pipeline-sa',
      startNow: true,
      openPullRequest: false,
    });
    expect(response.status).toBe(200);
    const written = files(response.body);
    expect(Object.keys(written)).toEqual([
      '.tekton/mistral-small-24b-instruct/evaluations/pipelinerun.yaml',
    ]);
    const run = parse(
      written[
        '.tekton/mistral-small-24b-instruct/evaluations/pipelinerun.yaml'
      ],
    );
    expect(validateTektonSchema(run)).toEqual([]);
    expect(
      Object.fromEntries(run.spec.params.map((p: any) => [p.name, p.value])),
    ).toMatchObject({
      vllm_model_name: 'mistral-24b-quantized',
      model_name: 'Mistral-Small-24B-Instruct',
      version_name: 'quantized-w4a16-2501',
    });
  });
});
