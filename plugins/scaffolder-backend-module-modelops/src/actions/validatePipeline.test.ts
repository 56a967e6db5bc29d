import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DemoEnvironment } from '@private-ai/demo-environment';
import {
  deadUrl,
  demoTargets,
  evaluationRequest,
  modelCarRequest,
  startDemo,
} from '../__testUtils__/demoSetup';
import { ModelOpsTargets } from '../service/ModelOpsTargets';
import { createValidatePipelineAction } from './validatePipeline';

jest.setTimeout(30_000);

describe('modelops:pipeline:validate', () => {
  let env: DemoEnvironment;
  let targets: ModelOpsTargets;
  let catalog: ReturnType<typeof catalogServiceMock>;
  beforeAll(async () => {
    ({ env, targets, catalog } = await startDemo());
  });
  afterAll(() => env.stop());

  const run = async (
    input: object,
    options: { targets?: ModelOpsTargets } = {},
  ) => {
    const action = createValidatePipelineAction({
      targets: options.targets ?? targets,
      catalog,
    });
    const ctx = createMockActionContext({ input: input as any });
    await action.handler(ctx);
    return ctx.output as jest.Mock;
  };
  const outputs = (output: jest.Mock) => Object.fromEntries(output.mock.calls);

  it('accepts a ModelCar build of an existing model with a free version name', async () => {
    const out = outputs(await run(modelCarRequest));
    expect(out).toMatchObject({
      cluster: 'demo-cluster',
      namespace: 'private-ai',
      modelName: 'Mistral-Small-24B-Instruct',
      versionName: 'quantized-w4a16-20261125-0215',
      modelExists: true,
      entityName: 'mistral-small-24b-instruct',
    });
  });

  it('accepts a new model', async () => {
    const out = outputs(
      await run({
        ...modelCarRequest,
        modelName: 'Phi-4-Mini-Instruct',
        huggingFaceRepo: 'microsoft/Phi-4-mini-instruct',
      }),
    );
    expect(out.modelExists).toBe(false);
    expect(out.entityName).toBe('phi-4-mini-instruct');
  });

  it('refuses a version name the registry already has', async () => {
    const taken = env.scenario!.modelCarRuns.find(
      r =>
        r.plan.params['model-name'] === 'Mistral-Small-24B-Instruct' &&
        /^quantized-w4a16-\d{8}-\d{4}$/.test(r.versionName),
    )!.versionName;
    await expect(
      run({ ...modelCarRequest, versionName: taken }),
    ).rejects.toThrow(
      `versionName: model Mistral-Small-24B-Instruct already has a version "${taken}" in the Model Registry "demo"`,
    );
  });

  it.each([
    ['modelName', 'Mistral Small', /^modelName: must not contain spaces/],
    ['namespace', 'Private-AI', /^namespace: must be lower case/],
    ['hfTokenSecret', 'hf-token"', /^hfTokenSecret: must not contain """/],
    ['quayAuthSecret', 'quay:creds', /^quayAuthSecret: must not contain ":"/],
    ['modelName', 'Mistral\nkind: Secret', /^modelName: must be a single line/],
    [
      'huggingFaceRepo',
      '${{ secrets.token }}/x',
      /^huggingFaceRepo: must not contain template/,
    ],
    [
      'versionName',
      'quantized-w4a16-latest',
      /^versionName: must follow the naming convention/,
    ],
    [
      'versionName',
      'full-fp16-20261125-0215',
      /^versionName: must start with the variant "quantized-w4a16-"/,
    ],
    ['variant', 'int8', /^variant: must be one of quantized-w4a16, full-fp16/],
    [
      'quayImage',
      'quay.io/private-ai/mistral:latest',
      /^quayImage: must not contain a tag/,
    ],
    [
      'serviceAccount',
      'sa; rm -rf /',
      /^serviceAccount: must not contain spaces/,
    ],
    ['fsGroup', -1, /^fsGroup: must be a whole number/],
    [
      'versionName',
      'quantized-w4a16-20261325-0215',
      /^versionName: month 13 of 20261325 is not a month \(01-12\)/,
    ],
    [
      'versionName',
      'quantized-w4a16-20261125-9915',
      /^versionName: hour 99 of 9915 is not an hour \(00-23\)/,
    ],
    ['runAsUser', 0, /^runAsUser: must not be 0 \(root\)/],
    ['fsGroup', 0, /^fsGroup: must not be 0 \(root\)/],
    ['workspaceSize', '999999Ti', /^workspaceSize: must be at most 2Ti/],
    ['workspaceSize', '40GB', /^workspaceSize: must be a Kubernetes quantity/],
  ])(
    'refuses a bad %s (%j) naming the field',
    async (field, value, message) => {
      await expect(run({ ...modelCarRequest, [field]: value })).rejects.toThrow(
        message,
      );
    },
  );

  it('refuses a Secret the namespace does not have', async () => {
    await expect(
      run({ ...modelCarRequest, hfTokenSecret: 'hf-token-typo' }),
    ).rejects.toThrow(
      'hfTokenSecret: there is no Secret "hf-token-typo" in private-ai on cluster demo-cluster; create it first',
    );
  });

  it('refuses a Secret without the key the task reads', async () => {
    await expect(
      run({ ...modelCarRequest, quayAuthSecret: 'hf-token' }),
    ).rejects.toThrow(
      'quayAuthSecret: the Secret "hf-token" in private-ai has no key ".dockerconfigjson" (it has: token)',
    );
  });

  it('refuses an unknown cluster, a missing namespace and a missing service account', async () => {
    await expect(run({ ...modelCarRequest, cluster: 'prod' })).rejects.toThrow(
      'cluster: no cluster named "prod" is configured (configured: demo-cluster)',
    );
    await expect(
      run({ ...modelCarRequest, namespace: 'nowhere' }),
    ).rejects.toThrow(
      'namespace: there is no namespace "nowhere" on cluster demo-cluster',
    );
    await expect(
      run({ ...modelCarRequest, serviceAccount: 'pipeline' }),
    ).rejects.toThrow(
      'serviceAccount: there is no service account "pipeline" in private-ai',
    );
  });

  it('refuses when the registry is down, naming the field it could not check', async () => {
    await expect(
      run(modelCarRequest, {
        targets: demoTargets(env, { registryUrl: await deadUrl() }),
      }),
    ).rejects.toThrow(
      /^modelName: the Model Registry "demo" could not be checked: .*unreachable \(ECONNREFUSED\)/,
    );
  });

  it('refuses when the cluster is down, naming the field it could not check', async () => {
    await expect(
      run(modelCarRequest, {
        targets: demoTargets(env, { clusterUrl: await deadUrl() }),
      }),
    ).rejects.toThrow(
      /^namespace: cluster demo-cluster could not be checked: .*unreachable \(ECONNREFUSED\)/,
    );
  });

  it('resolves an evaluation to names that exist in the registry and on the cluster', async () => {
    const out = outputs(await run(evaluationRequest));
    expect(out).toMatchObject({
      cluster: 'demo-cluster',
      namespace: 'private-ai',
      modelName: 'Mistral-Small-24B-Instruct',
      versionName: 'quantized-w4a16-2501',
      vllmModelName: 'mistral-24b-quantized',
      entityName: 'mistral-small-24b-instruct',
    });
  });

  it('refuses an evaluation of an unknown version, or on a server of another model', async () => {
    await expect(
      run({
        ...evaluationRequest,
        modelVersion: 'resource:default/no-such-version',
      }),
    ).rejects.toThrow(
      'modelVersion: there is no entity resource:default/no-such-version in the catalog',
    );
    await expect(
      run({
        ...evaluationRequest,
        modelServer: 'component:default/granite-8b-instruct',
      }),
    ).rejects.toThrow(
      'modelServer: component:default/granite-8b-instruct does not serve Mistral-Small-24B-Instruct quantized-w4a16-2501',
    );
    await expect(
      run({ ...evaluationRequest, lmEvalTasks: ['mmlu', 'gsm8k; curl evil'] }),
    ).rejects.toThrow(/^lmEvalTasks: "gsm8k; curl evil" is not/);
    await expect(
      run({ ...evaluationRequest, guidellmProfile: 'fast' }),
    ).rejects.toThrow(/^guidellmProfile: must be one of sweep/);
  });

  it('refuses an evaluation of a version the registry no longer has', async () => {
    const version = (await catalog.getEntityByRef(
      evaluationRequest.modelVersion,
      { credentials: undefined as any },
    ))!;
    const stale = {
      ...version,
      metadata: {
        ...version.metadata,
        name: 'stale',
        annotations: {
          ...version.metadata.annotations,
          'modelops.io/version-name': 'quantized-w4a16-19990101-0000',
        },
      },
    };
    const server = (await catalog.getEntityByRef(
      evaluationRequest.modelServer,
      { credentials: undefined as any },
    ))!;
    const staleCatalog = catalogServiceMock({
      entities: [
        stale,
        {
          ...server,
          spec: { ...server.spec, dependsOn: ['resource:default/stale'] },
        },
      ],
    });
    const action = createValidatePipelineAction({
      targets,
      catalog: staleCatalog,
    });
    await expect(
      action.handler(
        createMockActionContext({
          input: {
            ...evaluationRequest,
            modelVersion: 'resource:default/stale',
          } as any,
        }),
      ),
    ).rejects.toThrow(
      /^modelVersion: model Mistral-Small-24B-Instruct has no version quantized-w4a16-19990101-0000 in the Model Registry "demo"/,
    );
  });
});
