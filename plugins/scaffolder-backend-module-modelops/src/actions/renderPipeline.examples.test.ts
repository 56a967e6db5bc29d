import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DemoEnvironment } from '@private-ai/demo-environment';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { startDemo } from '../__testUtils__/demoSetup';
import { ModelOpsTargets } from '../service/ModelOpsTargets';
import { validateTektonSchema } from '../validation/validateTektonSchema';
import { createRenderPipelineAction } from './renderPipeline';
import { examples } from './renderPipeline.examples';

jest.setTimeout(30_000);

describe('modelops:pipeline:render examples', () => {
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
      const workspacePath = await fs.mkdtemp(
        path.join(os.tmpdir(), 'modelops-render-example-'),
      );
      try {
        const ctx = createMockActionContext({
          input: parse(example).steps[0].input,
          workspacePath,
        });
        await createRenderPipelineAction({ targets, catalog }).handler(ctx);
        const out = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
        const tekton = await Promise.all(
          (out.files as string[]).map(async file =>
            parse(await fs.readFile(path.join(workspacePath, file), 'utf8')),
          ),
        );
        expect(
          tekton.map(object => `${object.apiVersion} ${object.kind}`).sort(),
        ).toEqual([
          'tekton.dev/v1 Pipeline',
          'tekton.dev/v1 PipelineRun',
          ...Array(4).fill('tekton.dev/v1 Task'),
        ]);
        expect(tekton.flatMap(object => validateTektonSchema(object))).toEqual(
          [],
        );
        const run = parse(
          await fs.readFile(
            path.join(workspacePath, '.tekton/pipelinerun.yaml'),
            'utf8',
          ),
        );
        expect(run.spec.taskRunTemplate.podTemplate.securityContext).toEqual({
          fsGroup: 1000970000,
          runAsUser: 1000970000,
          runAsGroup: 1000970000,
        });
      } finally {
        await fs.rm(workspacePath, { recursive: true, force: true });
      }
    },
  );
});
