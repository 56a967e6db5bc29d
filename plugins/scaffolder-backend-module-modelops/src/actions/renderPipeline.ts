import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  createTemplateAction,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { ModelOpsTargets } from '../service/ModelOpsTargets';
import { TektonObject } from '../tekton/types';
import { PipelineInput, pipelineInputSchema } from './pipelineInputSchema';
import { preparePipeline } from './preparePipeline';
import { examples } from './renderPipeline.examples';

function yamlOf(object: TektonObject): string {
  // Serialized by the YAML library from plain objects: a value is always a scalar, whatever
  // characters it holds, so nothing a user typed can add keys or documents.
  return stringify(object, { lineWidth: 0 });
}

/**
 * The input of `modelops:pipeline:render`: the values of either template, and where to write.
 * @public
 */
export type RenderPipelineInput = PipelineInput & {
  /** Folder in the workspace to write to; default the workspace root. */
  targetPath?: string;
};

/**
 * The output of `modelops:pipeline:render`.
 * @public
 */
export type RenderPipelineOutput = {
  /** Written files, relative to the workspace. */
  files: string[];
  /** The PipelineRun file, relative to the workspace. */
  pipelineRunPath: string;
  /** Catalog entity whose runs tab shows the run. */
  entityName: string;
};

/**
 * `modelops:pipeline:render`: writes the checked Tekton objects of a ModelCar or evaluation
 * request into the workspace, for the standard publish actions to open a pull request with:
 * `pipelinerun.yaml`, and for ModelCar builds `pipeline.yaml` and `tasks/*.yaml`. (A new model
 * needs no catalog file: the catalog module gives it a page from its first ModelCar run, and the
 * registered model takes that page over.) Runs every check of
 * `modelops:pipeline:validate` first and writes nothing when one fails. Only Secret names
 * are written, never their values.
 * @public
 */
export function createRenderPipelineAction(options: {
  targets: ModelOpsTargets;
  catalog: CatalogService;
}): TemplateAction<RenderPipelineInput, RenderPipelineOutput, 'v2'> {
  return createTemplateAction({
    id: 'modelops:pipeline:render',
    description:
      'Writes the validated PipelineRun (and the Pipeline and Tasks of a ModelCar build) into the workspace as YAML.',
    examples,
    supportsDryRun: true,
    schema: {
      input: z => {
        const { modelcar, evaluation } = pipelineInputSchema(z);
        const target = {
          targetPath: z
            .string()
            .optional()
            .describe(
              'Folder in the workspace to write to; default the workspace root',
            ),
        };
        return z.discriminatedUnion('pipeline', [
          modelcar.extend(target),
          evaluation.extend(target),
        ]);
      },
      output: {
        files: z =>
          z
            .array(z.string())
            .describe('Written files, relative to the workspace'),
        pipelineRunPath: z =>
          z
            .string()
            .describe('The PipelineRun file, relative to the workspace'),
        entityName: z =>
          z.string().describe('Catalog entity whose runs tab shows the run'),
      },
    },
    async handler(ctx) {
      const prepared = await preparePipeline(ctx.input, {
        targets: options.targets,
        catalog: options.catalog,
        credentials: () => ctx.getInitiatorCredentials(),
      });
      const base = ctx.input.targetPath ?? '.';
      const contents = new Map<string, string>();
      contents.set(
        path.join(base, 'pipelinerun.yaml'),
        yamlOf(prepared.pipelineRun),
      );
      const [pipeline, ...tasks] = prepared.definitions;
      if (pipeline)
        contents.set(path.join(base, 'pipeline.yaml'), yamlOf(pipeline));
      for (const task of tasks)
        contents.set(
          path.join(base, 'tasks', `${task.metadata.name}.yaml`),
          yamlOf(task),
        );
      for (const [file, text] of contents) {
        const target = resolveSafeChildPath(ctx.workspacePath, file);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, text, 'utf8');
      }
      for (const warning of prepared.warnings) ctx.logger.warn(warning);
      ctx.logger.info(`wrote ${[...contents.keys()].join(', ')}`);
      ctx.output('files', [...contents.keys()]);
      ctx.output('pipelineRunPath', path.join(base, 'pipelinerun.yaml'));
      ctx.output('entityName', prepared.entityName);
    },
  });
}
