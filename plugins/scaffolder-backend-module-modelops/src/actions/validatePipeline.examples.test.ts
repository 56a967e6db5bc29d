import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DemoEnvironment } from '@private-ai/demo-environment';
import { parse } from 'yaml';
import { startDemo } from '../__testUtils__/demoSetup';
import { ModelOpsTargets } from '../service/ModelOpsTargets';
import { createValidatePipelineAction } from './validatePipeline';
import { examples } from './validatePipeline.examples';

jest.setTimeout(30_000);

describe('modelops:pipeline:validate examples', () => {
  let env: DemoEnvironment;
  let targets: ModelOpsTargets;
  let catalog: ReturnType<typeof catalogServiceMock>;
  beforeAll(async () => {
    ({ env, targets, catalog } = await startDemo());
  });
  afterAll(() => env.stop());

  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      const ctx = createMockActionContext({
        input: parse(example).steps[0].input,
      });
      await createValidatePipelineAction({ targets, catalog }).handler(ctx);
      const out = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
      expect(out).toMatchObject({
        cluster: 'demo-cluster',
        namespace: 'private-ai',
        modelName: 'Mistral-Small-24B-Instruct',
        entityName: 'mistral-small-24b-instruct',
      });
    },
  );
});
