import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DemoEnvironment } from '@private-ai/demo-environment';
import { deadUrl, demoTargets, startDemo } from '../__testUtils__/demoSetup';
import { ModelOpsTargets } from '../service/ModelOpsTargets';
import { createCheckRegistryAction } from './checkRegistry';

jest.setTimeout(30_000);

describe('modelops:registry:check', () => {
  let env: DemoEnvironment;
  let targets: ModelOpsTargets;
  beforeAll(async () => {
    ({ env, targets } = await startDemo());
  });
  afterAll(() => env.stop());

  const check = async (input: object, t = targets) => {
    const ctx = createMockActionContext({
      input: { expect: 'any', ...input } as any,
    });
    await createCheckRegistryAction({ targets: t }).handler(ctx);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  };

  it('reports a model, its versions newest first, and whether a version exists', async () => {
    const out = await check({
      modelName: 'Mistral-Small-24B-Instruct',
      versionName: 'quantized-w4a16-2501',
    });
    expect(out).toMatchObject({
      registry: 'demo',
      modelExists: true,
      versionExists: true,
    });
    expect(out.versions).toContain('quantized-w4a16-2501');
    expect(out.versionId).toEqual(expect.any(String));
    const fresh = await check({
      modelName: 'Not-Yet-Registered',
      versionName: 'full-fp16-20261125-0215',
      expect: 'version-free',
    });
    expect(fresh).toMatchObject({
      modelExists: false,
      versionExists: false,
      versions: [],
    });
  });

  it('fails when the answer is not what the template expects, naming the field', async () => {
    await expect(
      check({
        modelName: 'Mistral-Small-24B-Instruct',
        versionName: 'quantized-w4a16-2501',
        expect: 'version-free',
      }),
    ).rejects.toThrow(
      'versionName: model Mistral-Small-24B-Instruct already has a version "quantized-w4a16-2501" in the Model Registry "demo"',
    );
    await expect(
      check({ modelName: 'Unknown-Model', expect: 'model-exists' }),
    ).rejects.toThrow(
      'modelName: the Model Registry "demo" has no model Unknown-Model',
    );
    await expect(
      check({
        modelName: 'Mistral-Small-24B-Instruct',
        versionName: 'full-fp16-19990101-0000',
        expect: 'version-exists',
      }),
    ).rejects.toThrow(
      'versionName: model Mistral-Small-24B-Instruct has no version "full-fp16-19990101-0000"',
    );
    await expect(
      check({
        modelName: 'Mistral-Small-24B-Instruct',
        expect: 'version-free',
      }),
    ).rejects.toThrow('versionName: is required');
    await expect(check({ modelName: 'a: b' })).rejects.toThrow(
      /^modelName: must not contain spaces/,
    );
    await expect(check({ registry: 'prod', modelName: 'x' })).rejects.toThrow(
      'registry: no Model Registry "prod" is configured (configured: demo)',
    );
  });

  it('fails with the field named when the registry is down', async () => {
    await expect(
      check(
        { modelName: 'Mistral-Small-24B-Instruct' },
        demoTargets(env, { registryUrl: await deadUrl() }),
      ),
    ).rejects.toThrow(
      /^modelName: the Model Registry "demo" could not be checked: .*unreachable/,
    );
  });
});
