import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DemoEnvironment } from '@private-ai/demo-environment';
import { parse } from 'yaml';
import { startDemo } from '../__testUtils__/demoSetup';
import { ModelOpsTargets } from '../service/ModelOpsTargets';
import { createCheckRegistryAction } from './checkRegistry';
import { examples } from './checkRegistry.examples';

jest.setTimeout(30_000);

describe('modelops:registry:check examples', () => {
  let env: DemoEnvironment;
  let targets: ModelOpsTargets;
  beforeAll(async () => {
    ({ env, targets } = await startDemo());
  });
  afterAll(() => env.stop());

  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      const input = parse(example).steps[0].input;
      const ctx = createMockActionContext({ input });
      await createCheckRegistryAction({ targets }).handler(ctx);
      const out = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
      expect(out).toMatchObject({
        registry: 'demo',
        modelExists: true,
        versionExists: input.expect === 'version-exists',
      });
    },
  );
});
