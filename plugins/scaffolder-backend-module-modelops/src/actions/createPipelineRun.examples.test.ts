import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DemoEnvironment } from '@private-ai/demo-environment';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { modelCarRequest, startDemo } from '../__testUtils__/demoSetup';
import { checkModelCarFields } from '../checks/checkModelCarFields';
import { ModelOpsTargets } from '../service/ModelOpsTargets';
import { modelCarObjects } from '../tekton/modelCarPipeline';
import { createCreatePipelineRunAction } from './createPipelineRun';
import { examples } from './createPipelineRun.examples';

jest.setTimeout(30_000);

describe('modelops:pipelinerun:create examples', () => {
  let env: DemoEnvironment;
  let targets: ModelOpsTargets;
  beforeAll(async () => {
    ({ env, targets } = await startDemo());
  });
  afterAll(() => env.stop());

  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      const workspacePath = await fs.mkdtemp(
        path.join(os.tmpdir(), 'modelops-create-example-'),
      );
      try {
        // The files modelops:pipeline:render writes, where the example reads them.
        const { pipelineRun, pipeline, tasks } = modelCarObjects(
          checkModelCarFields(modelCarRequest),
        );
        await fs.mkdir(path.join(workspacePath, '.tekton/tasks'), {
          recursive: true,
        });
        await fs.writeFile(
          path.join(workspacePath, '.tekton/pipelinerun.yaml'),
          stringify(pipelineRun),
        );
        await fs.writeFile(
          path.join(workspacePath, '.tekton/pipeline.yaml'),
          stringify(pipeline),
        );
        for (const task of tasks)
          await fs.writeFile(
            path.join(
              workspacePath,
              `.tekton/tasks/${task.metadata.name}.yaml`,
            ),
            stringify(task),
          );
        const ctx = createMockActionContext({
          input: parse(example).steps[0].input,
          workspacePath,
        });
        ctx.getInitiatorCredentials = async () => mockCredentials.user();
        await createCreatePipelineRunAction({
          targets,
          permissions: mockServices.permissions(),
        }).handler(ctx);
        const out = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
        expect(
          env.cluster.objects.get(
            'tekton.dev/pipelineruns',
            'private-ai',
            out.runName,
          ),
        ).toBeDefined();
        expect(out.runUrl).toBe(
          'http://localhost:3000/catalog/default/resource/mistral-small-24b-instruct/pipeline-runs',
        );
      } finally {
        await fs.rm(workspacePath, { recursive: true, force: true });
      }
    },
  );
});
